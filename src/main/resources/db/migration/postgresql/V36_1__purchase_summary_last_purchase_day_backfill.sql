UPDATE customer_purchase_summary s SET last_purchase_day = (SELECT MAX(o.business_date) - DATE '1970-01-01'
    FROM customer_order o WHERE o.customer_id = s.customer_id AND o.status <> 'CANCELLED');
