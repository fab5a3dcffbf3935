package micros.release;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/**
 * The one date a build stamps on everything (file times, volume dates, signature times), so that two
 * builds of a commit are byte-identical: $SOURCE_DATE_EPOCH when set, else the commit's date.
 * The ISO's modification date is also GRUB's fs-uuid of the ISO, which the embedded config searches for.
 */
public record SourceDate(Instant instant) {
    /** For a tree that is not a git checkout. */
    static final Instant FALLBACK = Instant.parse("2026-12-01T00:00:00Z");
    private static final DateTimeFormatter ISO9660 = DateTimeFormatter.ofPattern("yyyyMMddHHmmss'00'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter GRUB_UUID = DateTimeFormatter.ofPattern("yyyy-MM-dd-HH-mm-ss-'00'").withZone(ZoneOffset.UTC);

    public static SourceDate of(Path repository, Map<String, String> env) {
        String epoch = env.get("SOURCE_DATE_EPOCH");
        if (epoch != null && !epoch.isBlank()) {
            try {
                return new SourceDate(Instant.ofEpochSecond(Long.parseLong(epoch.strip())));
            } catch (NumberFormatException e) {
                throw new ReleaseException("SOURCE_DATE_EPOCH: '" + epoch + "' is not a number of seconds");
            }
        }
        try {
            String ct = Tools.run(List.of("git", "-C", repository.toString(), "log", "-1", "--format=%ct")).strip();
            return new SourceDate(Instant.ofEpochSecond(Long.parseLong(ct)));
        } catch (ReleaseException | NumberFormatException e) {
            return new SourceDate(FALLBACK);
        }
    }

    public long epochSecond() { return instant.getEpochSecond(); }

    /** xorriso's --modification-date: 16 digits, hundredths last. */
    public String iso9660() { return ISO9660.format(instant); }

    /** How GRUB names the ISO by that date: {@code search --fs-uuid} takes this. */
    public String grubFsUuid() { return GRUB_UUID.format(instant); }

    /** What SOURCE_DATE_EPOCH-aware tools (xorriso, mtools) read. */
    public Map<String, String> environment() { return Map.of("SOURCE_DATE_EPOCH", Long.toString(epochSecond())); }
}
