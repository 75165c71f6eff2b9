package io.guanxi.order.domain;

import io.guanxi.order.NewProduct;
import io.guanxi.order.ProductView;
import io.guanxi.shared.ConflictException;
import io.guanxi.shared.InvalidRequestException;
import io.guanxi.shared.Money;
import io.guanxi.shared.paging.PageQuery;
import io.guanxi.shared.paging.PageResult;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** The product catalogue: products with a category and a list price. */
@Repository
public class Products {

    public static final Map<String, String> SORT = Map.of("sku", "p.sku", "name", "p.name", "category", "c.code");
    private static final String SELECT = "SELECT p.id, p.sku, p.name, c.code, c.name AS category_name, p.price_amount,"
            + " p.currency, p.active FROM product p JOIN product_category c ON c.id = p.category_id";

    private final JdbcClient jdbc;

    private final String currency;

    Products(JdbcClient jdbc, OrderProperties properties) {
        this.currency = properties.currency();
        this.jdbc = jdbc;
    }

    /** Products by SKU, for pricing an order (one query for all lines). */
    public Map<String, ProductView> bySku(Collection<String> skus) {
        if (skus.isEmpty()) {
            return Map.of();
        }
        return jdbc
                .sql(SELECT + " WHERE p.sku IN (:skus)")
                .param("skus", List.copyOf(skus))
                .query(Products::map)
                .list()
                .stream()
                .collect(Collectors.toMap(ProductView::sku, Function.identity()));
    }

    /** Products on sale whose SKU or name contains the text, by SKU. */
    public List<ProductView> search(String text, int limit) {
        String like = "%"
                + (text == null ? "" : text.strip().toLowerCase(java.util.Locale.ROOT))
                        .replace("\\", "\\\\")
                        .replace("%", "\\%")
                        .replace("_", "\\_")
                + "%";
        return jdbc.sql(SELECT + " WHERE p.active AND (LOWER(p.sku) LIKE :q OR LOWER(p.name) LIKE :q)"
                        + " ORDER BY p.sku LIMIT :limit")
                .param("q", like)
                .param("limit", limit)
                .query(Products::map)
                .list();
    }

    public Optional<ProductView> find(long id) {
        return jdbc.sql(SELECT + " WHERE p.id = ?")
                .param(id)
                .query(Products::map)
                .optional();
    }

    public PageResult<ProductView> list(String category, PageQuery page) {
        Map<String, Object> params = new HashMap<>();
        String where = "";
        if (category != null && !category.isBlank()) {
            where = " WHERE c.code = :category";
            params.put("category", category.strip());
        }
        long total = jdbc.sql("SELECT COUNT(*) FROM product p JOIN product_category c ON c.id = p.category_id" + where)
                .params(params)
                .query(Long.class)
                .single();
        List<ProductView> rows = jdbc.sql(SELECT + where + page.orderBy(SORT, "p.id"))
                .params(params)
                .query(Products::map)
                .list();
        return PageResult.of(rows, page, total);
    }

    @Transactional
    public ProductView add(NewProduct product, Instant now) {
        String sku = product.sku().strip();
        if (product.price().amount().signum() < 0) {
            throw InvalidRequestException.forField("price", "must not be negative");
        }
        if (!product.price().currency().equals(currency)) {
            throw InvalidRequestException.forField("price", "is sold in " + currency);
        }
        if (!bySku(List.of(sku)).isEmpty()) {
            throw ConflictException.because("A product with SKU " + sku + " exists");
        }
        jdbc.sql("INSERT INTO product_category (code, name) VALUES (?, ?) ON CONFLICT DO NOTHING")
                .params(
                        product.categoryCode(),
                        product.categoryName() == null || product.categoryName().isBlank()
                                ? product.categoryCode()
                                : product.categoryName().strip())
                .update();
        long categoryId = jdbc.sql("SELECT id FROM product_category WHERE code = ?")
                .param(product.categoryCode())
                .query(Long.class)
                .single();
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO product (sku, name, category_id, price_amount, currency, active, created_at)"
                        + " VALUES (?, ?, ?, ?, ?, TRUE, ?)")
                .params(
                        sku,
                        product.name().strip(),
                        categoryId,
                        product.price().amount(),
                        product.price().currency(),
                        Timestamp.from(now))
                .update(keys, "id");
        return find(keys.getKey().longValue()).orElseThrow();
    }

    private static ProductView map(ResultSet rs, int n) throws SQLException {
        return new ProductView(
                rs.getLong("id"),
                rs.getString("sku"),
                rs.getString("name"),
                rs.getString("code"),
                rs.getString("category_name"),
                new Money(
                        rs.getBigDecimal("price_amount"),
                        rs.getString("currency").strip()),
                rs.getBoolean("active"));
    }
}
