package io.guanxi.order.web;

import io.guanxi.customer.CustomerApi;
import io.guanxi.identity.CurrentUser;
import io.guanxi.identity.DataScope;
import io.guanxi.identity.IdentityApi;
import io.guanxi.loyalty.LoyaltyApi;
import io.guanxi.loyalty.TierApi;
import io.guanxi.order.OrderView;
import io.guanxi.order.PlaceOrder;
import io.guanxi.order.RefundOrder;
import io.guanxi.order.domain.OrderIngestion;
import io.guanxi.order.domain.OrderRefunds;
import io.guanxi.order.domain.Orders;
import io.guanxi.order.domain.Products;
import io.guanxi.shared.ConflictException;
import io.guanxi.shared.InvalidRequestException;
import io.guanxi.shared.NotFoundException;
import io.guanxi.shared.paging.PageQuery;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Orders in the UI: the list of recent orders, the point-of-sale page (choose the customer, add
 * products, see the tier discount, redeem points, pass a coupon code, pay), the order page with its
 * discounts and points, and refunds (some units or everything). Every write goes through the same
 * domain code as the API.
 */
@Controller
class OrderWebController {

    static final List<String> PAYMENT_METHODS = List.of("WECHAT_PAY", "ALIPAY", "CARD", "CASH");

    private final OrderIngestion ingestion;
    private final OrderRefunds refunds;
    private final Orders orders;
    private final Products products;
    private final CustomerApi customers;
    private final IdentityApi identity;
    private final LoyaltyApi loyalty;
    private final TierApi tiers;

    OrderWebController(
            OrderIngestion ingestion,
            OrderRefunds refunds,
            Orders orders,
            Products products,
            CustomerApi customers,
            IdentityApi identity,
            LoyaltyApi loyalty,
            TierApi tiers) {
        this.ingestion = ingestion;
        this.refunds = refunds;
        this.orders = orders;
        this.products = products;
        this.customers = customers;
        this.identity = identity;
        this.loyalty = loyalty;
        this.tiers = tiers;
    }

    @GetMapping("/orders")
    String list(@RequestParam(defaultValue = "0") int page, Model model) {
        CurrentUser user = identity.requireCurrentUser();
        Long store = user.scope() == DataScope.STORE ? user.storeId() : null;
        String createdBy = user.scope() == DataScope.OWN || user.scope() == DataScope.TEAM ? user.username() : null;
        PageQuery query = new PageQuery(Math.max(0, page), 20, List.of());
        model.addAttribute("orders", orders.recent(store, createdBy, query));
        model.addAttribute("storeNames", identity.storeNames());
        return "order/list";
    }

    @GetMapping("/orders/new")
    String newSale(
            @RequestParam(required = false) Long customerId, @RequestParam(required = false) String q, Model model) {
        SaleFormData form = new SaleFormData();
        form.setCustomerId(customerId);
        form.setStoreId(identity.requireCurrentUser().storeId());
        form.setIdempotencyKey(UUID.randomUUID().toString());
        form.pad();
        model.addAttribute("q", q);
        if (q != null && !q.isBlank()) {
            model.addAttribute("matches", customers.search(q.strip(), identity.scopeOfCurrentUser(), 10));
        }
        return saleForm(form, null, model);
    }

    /** Products whose SKU or name contains the text, as options for the SKU inputs. */
    @GetMapping("/orders/new/products")
    String productOptions(@RequestParam(required = false) String q, Model model) {
        model.addAttribute("products", products.search(q, 20));
        return "order/new :: productOptions";
    }

    @PostMapping("/orders/new")
    String placeSale(
            @ModelAttribute("form") SaleFormData form,
            @RequestParam(defaultValue = "place") String action,
            Model model,
            RedirectAttributes redirect) {
        form.pad();
        CurrentUser user = identity.requireCurrentUser();
        try {
            if (form.getCustomerId() == null) {
                throw InvalidRequestException.forField("customerId", "choose the customer");
            }
            java.util.Optional<Long> earlier = ingestion.placedWith(form.getIdempotencyKey(), user);
            if (earlier.isPresent()) {
                redirect.addFlashAttribute("message", "orders.placed");
                return "redirect:/orders/" + earlier.get();
            }
            OrderIngestion.Quote quote = ingestion.quote(form.toCommand(List.of()), user);
            if ("preview".equals(action)) {
                return saleForm(form, quote, model);
            }
            List<PlaceOrder.Payment> payments = quote.payable().signum() > 0
                    ? List.of(SaleFormData.payment(form.getPaymentMethod(), quote.payable(), quote.currency()))
                    : List.of();
            OrderView order = ingestion
                    .place(form.toCommand(payments), form.getIdempotencyKey(), user)
                    .order();
            redirect.addFlashAttribute("message", "orders.placed");
            return "redirect:/orders/" + order.id();
        } catch (InvalidRequestException | ConflictException e) {
            model.addAttribute("error", "orders.invalid");
            model.addAttribute("errorDetail", InvalidRequestException.describe(e));
            return saleForm(form, null, model);
        }
    }

    private String saleForm(SaleFormData form, OrderIngestion.Quote quote, Model model) {
        model.addAttribute("form", form);
        model.addAttribute("quote", quote);
        model.addAttribute("stores", identity.stores());
        model.addAttribute("paymentMethods", PAYMENT_METHODS);
        model.addAttribute("products", products.search("", 50));
        if (form.getCustomerId() != null) {
            customers.find(form.getCustomerId(), identity.scopeOfCurrentUser()).ifPresent(customer -> {
                model.addAttribute("customer", customer);
                model.addAttribute("tier", tiers.currentTier(customer.id()));
                model.addAttribute("points", loyalty.balance(customer.id()));
            });
        }
        return "order/new";
    }

    @GetMapping("/orders/{id}")
    String show(@PathVariable long id, Model model) {
        OrderView order = visible(id);
        model.addAttribute("order", order);
        model.addAttribute(
                "customer",
                customers
                        .find(order.customerId(), identity.scopeOfCurrentUser())
                        .orElseThrow());
        model.addAttribute("storeNames", identity.storeNames());
        model.addAttribute("tier", order.tier() == null ? null : tierName(order.tier()));
        model.addAttribute("refundKey", UUID.randomUUID().toString());
        return "order/show";
    }

    private String tierName(String code) {
        return tiers.programme().tier(code).map(t -> t.name(currentLocale())).orElse(code);
    }

    private static java.util.Locale currentLocale() {
        return org.springframework.context.i18n.LocaleContextHolder.getLocale();
    }

    /** A refund of the quantities given per line ({@code qty<lineNo>}), or of everything left with {@code all}. */
    @PostMapping("/orders/{id}/refunds")
    String refund(@PathVariable long id, @RequestParam Map<String, String> params, RedirectAttributes redirect) {
        visible(id);
        List<RefundOrder.Line> lines = new ArrayList<>();
        boolean all = params.containsKey("all");
        try {
            if (!all) {
                for (Map.Entry<String, String> p : params.entrySet()) {
                    if (p.getKey().startsWith("qty")
                            && p.getValue() != null
                            && !p.getValue().isBlank()) {
                        int quantity = Integer.parseInt(p.getValue().strip());
                        if (quantity > 0) {
                            lines.add(new RefundOrder.Line(
                                    Integer.parseInt(p.getKey().substring(3)), quantity));
                        }
                    }
                }
                if (lines.isEmpty()) {
                    throw InvalidRequestException.forField("lines", "enter the units to refund");
                }
            }
            String reason = params.get("reason");
            refunds.refund(
                    id,
                    new RefundOrder(lines, reason == null || reason.isBlank() ? null : reason),
                    params.get("idempotencyKey"),
                    identity.requireCurrentUser());
            redirect.addFlashAttribute("message", "orders.refunded.done");
        } catch (NumberFormatException e) {
            redirect.addFlashAttribute("error", "orders.invalid");
            redirect.addFlashAttribute("errorDetail", "quantities are whole numbers");
        } catch (InvalidRequestException | ConflictException e) {
            redirect.addFlashAttribute("error", "orders.invalid");
            redirect.addFlashAttribute("errorDetail", InvalidRequestException.describe(e));
        }
        return "redirect:/orders/" + id;
    }

    private OrderView visible(long id) {
        OrderView order = ingestion.view(id);
        if (customers.find(order.customerId(), identity.scopeOfCurrentUser()).isEmpty()) {
            throw NotFoundException.of("Order", id);
        }
        return order;
    }
}
