package io.guanxi.loyalty.web.api;

import io.guanxi.identity.IdentityApi;
import io.guanxi.loyalty.domain.care.CareMessage;
import io.guanxi.loyalty.domain.care.CareMessages;
import io.guanxi.loyalty.domain.care.CareMoment;
import io.guanxi.loyalty.domain.care.CareSettings;
import io.guanxi.loyalty.domain.care.Holiday;
import io.guanxi.loyalty.domain.care.MomentSettings;
import io.guanxi.shared.paging.PageQuery;
import io.guanxi.shared.paging.PageResult;
import io.guanxi.shared.paging.Sortable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Care moments")
@RestController
@RequestMapping("/api/v1/loyalty/care")
class CareApiController {

    private final CareSettings settings;
    private final CareMessages messages;
    private final IdentityApi identity;
    private final Clock clock;

    CareApiController(CareSettings settings, CareMessages messages, IdentityApi identity, Clock clock) {
        this.settings = settings;
        this.messages = messages;
        this.identity = identity;
        this.clock = clock;
    }

    /** A moment's configuration as the API changes it. */
    record MomentChange(
            @NotNull Boolean enabled,
            Integer daysBefore,
            String channel,
            String subjectZh,
            String bodyZh,
            String subjectEn,
            String bodyEn,
            String giftRef) {}

    /** A new holiday: LUNAR month/day of the Chinese calendar, or a GREGORIAN date. */
    record NewHoliday(String nameZh, String nameEn, @NotNull Holiday.Calendar calendar, Integer month, Integer day) {}

    /**
     * A holiday with the days it falls on in a year: {@code dates} in order (a lunar date late in the
     * Chinese year can fall twice, or not at all), {@code date} the first of them.
     */
    record HolidayView(Holiday holiday, int year, LocalDate date, List<LocalDate> dates) {

        static HolidayView of(Holiday holiday, int year) {
            List<LocalDate> dates = holiday.datesIn(year);
            return new HolidayView(holiday, year, dates.isEmpty() ? null : dates.get(0), dates);
        }
    }

    @Operation(summary = "The care moments and how each is sent")
    @GetMapping("/moments")
    List<MomentSettings> moments() {
        return settings.moments();
    }

    @Operation(
            summary = "Change a care moment (BIRTHDAY, ANNIVERSARY, HOLIDAY, SERVICE_REMINDER): on/off, days before,"
                    + " channel, texts with {name}, {years}, {holiday}, {package}, {remaining}, {gift}")
    @PutMapping("/moments/{kind}")
    MomentSettings change(@PathVariable String kind, @Valid @RequestBody MomentChange change) {
        CareMoment moment = moment(kind);
        MomentSettings current = settings.moment(moment).orElseThrow();
        return settings.update(
                new MomentSettings(
                        moment,
                        change.enabled(),
                        change.daysBefore() == null ? current.daysBefore() : change.daysBefore(),
                        change.channel() == null ? current.channel() : change.channel(),
                        change.subjectZh() == null ? current.subjectZh() : change.subjectZh(),
                        change.bodyZh() == null ? current.bodyZh() : change.bodyZh(),
                        change.subjectEn() == null ? current.subjectEn() : change.subjectEn(),
                        change.bodyEn() == null ? current.bodyEn() : change.bodyEn(),
                        change.giftRef() == null ? current.giftRef() : change.giftRef(),
                        null,
                        null),
                identity.requireCurrentUser().username(),
                clock.instant());
    }

    @Operation(summary = "The holidays, each with its date in the given year (this year by default)")
    @GetMapping("/holidays")
    List<HolidayView> holidays(@RequestParam(required = false) Integer year) {
        int y = year == null ? LocalDate.now(clock).getYear() : year;
        if (y < 1900 || y > 2100) {
            throw io.guanxi.shared.InvalidRequestException.forField("year", "must be 1900 to 2100");
        }
        return settings.holidays().stream().map(h -> HolidayView.of(h, y)).toList();
    }

    @Operation(summary = "Add a holiday (e.g. 端午 LUNAR 5/5, 国庆 GREGORIAN 10/1)")
    @PostMapping("/holidays")
    ResponseEntity<Holiday> addHoliday(@Valid @RequestBody NewHoliday holiday) {
        Holiday added = settings.addHoliday(
                new Holiday(
                        0,
                        holiday.nameZh(),
                        holiday.nameEn(),
                        holiday.calendar(),
                        holiday.month() == null ? 0 : holiday.month(),
                        holiday.day() == null ? 0 : holiday.day(),
                        true),
                clock.instant());
        return ResponseEntity.created(URI.create("/api/v1/loyalty/care/holidays"))
                .body(added);
    }

    @Operation(summary = "Remove a holiday (messages already sent stay in the log)")
    @DeleteMapping("/holidays/{id}")
    ResponseEntity<Void> removeHoliday(@PathVariable long id) {
        settings.removeHoliday(id);
        return ResponseEntity.noContent().build();
    }

    @Operation(
            summary = "The send log to customers in the caller's data scope, newest first; status PENDING, SENT,"
                    + " SKIPPED or FAILED; addresses masked")
    @GetMapping("/messages")
    @Sortable(
            value = {"createdAt", "dueOn"},
            defaultSort = "createdAt,desc")
    PageResult<CareMessage> log(@RequestParam(required = false) String status, PageQuery page) {
        return messages.log(status, identity.scopeOfCurrentUser(), page);
    }

    private static CareMoment moment(String kind) {
        try {
            return CareMoment.valueOf(kind);
        } catch (IllegalArgumentException e) {
            throw io.guanxi.shared.NotFoundException.of("Care moment", kind);
        }
    }
}
