UPDATE customer_purchase_summary s SET last_purchase_day = (SELECT DATEDIFF(DAY, DATE '1970-01-01', MAX(o.business_date))
    FROM customer_order o WHERE o.customer_id = s.customer_id AND o.status <> 'CANCELLED');
