package micros.release;

import java.util.List;

/**
 * The two GRUB configurations. The early one is embedded in the GRUB image (so it is trusted without a
 * signature) and runs in GRUB's rescue parser: it finds the ISO by fs-uuid, runs the signed grub.cfg,
 * and halts if that returns. grub.cfg boots at once. Every path that does not boot ends in {@code halt},
 * which never returns, so no path reaches a {@code grub>} prompt (from which {@code trust --skip-sig}
 * would bypass every signature).
 */
final class GrubConfig {
    /** The kernel's path on the ISO. */
    static final String KERNEL = "/boot/micros.elf";
    /** What grub.cfg prints when the kernel or a module is refused (GRUB's own error line comes first). */
    static final String REFUSED = "micros: boot refused";
    /** What the early config prints when grub.cfg is missing or its signature is bad. */
    static final String CONFIG_REFUSED = "micros: boot refused: grub.cfg missing or its signature bad";
    /** The line the early config prints first; under Secure Boot it must say lockdown=[y]. */
    static final String STATE = "micros: grub lockdown=[";

    private GrubConfig() {}

    static String early(String fsUuid) {
        return """
                serial --unit=0 --speed=115200
                terminal_output serial console
                echo "micros: grub lockdown=[$lockdown] check_signatures=[$check_signatures]"
                search --no-floppy --fs-uuid --set=root %s
                set prefix=($root)/boot/grub
                configfile $prefix/grub.cfg
                echo "%s"
                sleep 1
                halt
                """.formatted(fsUuid, CONFIG_REFUSED);
    }

    /**
     * Loads the kernel and each module, nested so that any refusal skips {@code boot}. The video modules
     * make GRUB honour the kernel's framebuffer request.
     */
    static String main(List<IsoBuilder.Module> modules) { return main(modules, ""); }

    /** With {@code cmdline} (checked by {@link IsoBuilder}: plain words) after the kernel's path. */
    static String main(List<IsoBuilder.Module> modules, String cmdline) {
        StringBuilder body = new StringBuilder("boot\n");
        for (IsoBuilder.Module m : modules.reversed())
            body = new StringBuilder("if module2 /boot/" + m.file().getFileName() + " " + m.string() + "; then\n"
                    + body.toString().indent(2) + "fi\n");
        body = new StringBuilder("if multiboot2 " + KERNEL + (cmdline.isBlank() ? "" : " " + cmdline.strip()) + "; then\n" + body.toString().indent(2) + "fi\n");
        return """
                set timeout=0
                set default=0
                serial --unit=0 --speed=115200
                terminal_output console serial
                insmod all_video
                insmod gfxterm
                menuentry "micros" {
                %s  echo "%s"
                  sleep 1
                  halt
                }
                """.formatted(body.toString().indent(2), REFUSED);
    }
}
