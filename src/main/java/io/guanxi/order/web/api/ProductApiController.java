package io.guanxi.order.web.api;

import io.guanxi.order.NewProduct;
import io.guanxi.order.ProductView;
import io.guanxi.order.domain.Products;
import io.guanxi.shared.NotFoundException;
import io.guanxi.shared.paging.PageQuery;
import io.guanxi.shared.paging.PageResult;
import io.guanxi.shared.paging.Sortable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import java.time.Clock;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Products")
@RestController
@RequestMapping("/api/v1/products")
class ProductApiController {

    private final Products products;
    private final Clock clock;

    ProductApiController(Products products, Clock clock) {
        this.products = products;
        this.clock = clock;
    }

    @Operation(summary = "The catalogue, optionally one category")
    @GetMapping
    @Sortable(
            value = {"sku", "name", "category"},
            defaultSort = "sku")
    PageResult<ProductView> list(@RequestParam(required = false) String category, PageQuery page) {
        return products.list(category, page);
    }

    @GetMapping("/{id}")
    ProductView get(@PathVariable long id) {
        return products.find(id).orElseThrow(() -> NotFoundException.of("Product", id));
    }

    @Operation(summary = "Add a product; its category is created on first use")
    @PostMapping
    ResponseEntity<ProductView> add(@Valid @RequestBody NewProduct product) {
        ProductView created = products.add(product, clock.instant());
        return ResponseEntity.created(URI.create("/api/v1/products/" + created.id()))
                .body(created);
    }
}
