package io.guanxi.loyalty.web;

import io.guanxi.identity.IdentityApi;
import io.guanxi.loyalty.domain.LoyaltyProperties;
import io.guanxi.loyalty.domain.care.CareMessages;
import io.guanxi.loyalty.domain.care.CareMoment;
import io.guanxi.loyalty.domain.care.CareSettings;
import io.guanxi.loyalty.domain.care.Holiday;
import io.guanxi.loyalty.domain.care.MomentSettings;
import io.guanxi.shared.InvalidRequestException;
import io.guanxi.shared.NotFoundException;
import io.guanxi.shared.paging.PageQuery;
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Care moments: their configuration, the holidays, and the send log. */
@Controller
class CareWebController {

    private final CareSettings settings;
    private final CareMessages messages;
    private final IdentityApi identity;
    private final LoyaltyProperties loyalty;
    private final Clock clock;

    CareWebController(
            CareSettings settings,
            CareMessages messages,
            IdentityApi identity,
            LoyaltyProperties loyalty,
            Clock clock) {
        this.settings = settings;
        this.messages = messages;
        this.identity = identity;
        this.loyalty = loyalty;
        this.clock = clock;
    }

    @GetMapping("/loyalty/care")
    String overview(@RequestParam(required = false) String status, PageQuery page, Model model) {
        int year = clock.instant().atZone(loyalty.zone()).getYear();
        Map<Holiday, List<LocalDate>> holidays = new LinkedHashMap<>();
        settings.holidays().forEach(h -> holidays.put(h, h.datesIn(year)));
        model.addAttribute("moments", settings.moments());
        model.addAttribute("holidays", holidays);
        model.addAttribute("year", String.valueOf(year));
        model.addAttribute("status", status);
        model.addAttribute("log", messages.log(status, identity.scopeOfCurrentUser(), page));
        return "loyalty/care";
    }

    @PostMapping("/loyalty/care/moments/{kind}")
    String updateMoment(
            @PathVariable String kind,
            @RequestParam(defaultValue = "false") boolean enabled,
            @RequestParam(defaultValue = "0") int daysBefore,
            @RequestParam(defaultValue = "EMAIL") String channel,
            @RequestParam String subjectZh,
            @RequestParam String bodyZh,
            @RequestParam String subjectEn,
            @RequestParam String bodyEn,
            @RequestParam(required = false) String giftRef,
            RedirectAttributes redirect) {
        CareMoment moment = moment(kind);
        try {
            settings.update(
                    new MomentSettings(
                            moment,
                            enabled,
                            daysBefore,
                            channel,
                            subjectZh,
                            bodyZh,
                            subjectEn,
                            bodyEn,
                            giftRef,
                            null,
                            null),
                    identity.requireCurrentUser().username(),
                    clock.instant());
            redirect.addFlashAttribute("message", "care.saved");
        } catch (InvalidRequestException e) {
            redirect.addFlashAttribute("errorDetail", e.getMessage());
        }
        return "redirect:/loyalty/care";
    }

    @PostMapping("/loyalty/care/holidays")
    String addHoliday(
            @RequestParam String nameZh,
            @RequestParam String nameEn,
            @RequestParam String calendar,
            @RequestParam int month,
            @RequestParam int day,
            RedirectAttributes redirect) {
        try {
            Holiday.Calendar kind;
            try {
                kind = Holiday.Calendar.valueOf(calendar);
            } catch (IllegalArgumentException e) {
                throw InvalidRequestException.forField("calendar", "must be GREGORIAN or LUNAR");
            }
            settings.addHoliday(new Holiday(0, nameZh, nameEn, kind, month, day, true), clock.instant());
            redirect.addFlashAttribute("message", "care.holiday.added");
        } catch (InvalidRequestException e) {
            redirect.addFlashAttribute("errorDetail", e.getMessage());
        }
        return "redirect:/loyalty/care";
    }

    @PostMapping("/loyalty/care/holidays/{id}/delete")
    String removeHoliday(@PathVariable long id, RedirectAttributes redirect) {
        settings.removeHoliday(id);
        redirect.addFlashAttribute("message", "care.holiday.removed");
        return "redirect:/loyalty/care";
    }

    static CareMoment moment(String kind) {
        try {
            return CareMoment.valueOf(kind);
        } catch (IllegalArgumentException e) {
            throw NotFoundException.of("Care moment", kind);
        }
    }
}
