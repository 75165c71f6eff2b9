package io.guanxi.loyalty.domain.care;

import io.guanxi.shared.NotFoundException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** The care moment configurations and the holidays, as administrators keep them. */
@Repository
public class CareSettings {

    private final JdbcClient jdbc;

    CareSettings(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<MomentSettings> moments() {
        return jdbc.sql("SELECT * FROM care_moment ORDER BY kind")
                .query(CareSettings::moment)
                .list();
    }

    public Optional<MomentSettings> moment(CareMoment kind) {
        return jdbc.sql("SELECT * FROM care_moment WHERE kind = ?")
                .param(kind.name())
                .query(CareSettings::moment)
                .optional();
    }

    @Transactional
    public MomentSettings update(MomentSettings changed, String actor, Instant now) {
        MomentSettings valid = changed.validated();
        int rows = jdbc.sql("UPDATE care_moment SET enabled = ?, days_before = ?, channel = ?, subject_zh = ?,"
                        + " body_zh = ?, subject_en = ?, body_en = ?, gift_ref = ?, updated_at = ?, updated_by = ?"
                        + " WHERE kind = ?")
                .params(
                        valid.enabled(),
                        valid.daysBefore(),
                        valid.channel(),
                        valid.subjectZh().strip(),
                        valid.bodyZh().strip(),
                        valid.subjectEn().strip(),
                        valid.bodyEn().strip(),
                        valid.giftRef() == null || valid.giftRef().isBlank()
                                ? null
                                : valid.giftRef().strip(),
                        Timestamp.from(now),
                        actor,
                        valid.kind().name())
                .update();
        if (rows == 0) {
            throw NotFoundException.of("Care moment", valid.kind());
        }
        return moment(valid.kind()).orElseThrow();
    }

    public List<Holiday> holidays() {
        return jdbc.sql("SELECT * FROM care_holiday ORDER BY calendar, rule_month, rule_day, id")
                .query(CareSettings::holiday)
                .list();
    }

    @Transactional
    public Holiday addHoliday(Holiday holiday, Instant now) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO care_holiday (name_zh, name_en, calendar, rule_month, rule_day, enabled, created_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?)")
                .params(
                        holiday.nameZh(),
                        holiday.nameEn(),
                        holiday.calendar().name(),
                        holiday.month(),
                        holiday.day(),
                        holiday.enabled(),
                        Timestamp.from(now))
                .update(key, "id");
        long id = key.getKeyAs(Number.class).longValue();
        return new Holiday(
                id,
                holiday.nameZh(),
                holiday.nameEn(),
                holiday.calendar(),
                holiday.month(),
                holiday.day(),
                holiday.enabled());
    }

    /** Removes a holiday; messages already sent for it stay in the log. */
    @Transactional
    public void removeHoliday(long id) {
        if (jdbc.sql("DELETE FROM care_holiday WHERE id = ?").param(id).update() == 0) {
            throw NotFoundException.of("Holiday", id);
        }
    }

    /** When the job last went through the moment, if ever: the days since then are made up (see {@link CareMoments}). */
    public Optional<Instant> lastRun(CareMoment kind) {
        return jdbc.sql("SELECT last_run_at FROM care_moment WHERE kind = ?")
                .param(kind.name())
                .query((rs, n) -> Optional.ofNullable(rs.getTimestamp("last_run_at")))
                .optional()
                .flatMap(t -> t.map(Timestamp::toInstant));
    }

    /** Records that the job went through the moment for the days up to {@code at}. */
    public void ran(CareMoment kind, Instant at) {
        jdbc.sql("UPDATE care_moment SET last_run_at = ? WHERE kind = ?")
                .params(Timestamp.from(at), kind.name())
                .update();
    }

    private static MomentSettings moment(ResultSet rs, int n) throws SQLException {
        Timestamp updated = rs.getTimestamp("updated_at");
        return new MomentSettings(
                CareMoment.valueOf(rs.getString("kind")),
                rs.getBoolean("enabled"),
                rs.getInt("days_before"),
                rs.getString("channel"),
                rs.getString("subject_zh"),
                rs.getString("body_zh"),
                rs.getString("subject_en"),
                rs.getString("body_en"),
                rs.getString("gift_ref"),
                updated == null ? null : updated.toInstant(),
                rs.getString("updated_by"));
    }

    private static Holiday holiday(ResultSet rs, int n) throws SQLException {
        return new Holiday(
                rs.getLong("id"),
                rs.getString("name_zh"),
                rs.getString("name_en"),
                Holiday.Calendar.valueOf(rs.getString("calendar")),
                rs.getInt("rule_month"),
                rs.getInt("rule_day"),
                rs.getBoolean("enabled"));
    }
}
