package dev.junction.gateway.backend;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which JARs of the plugin folder a scan reports ready or removed: each change once, and only once settled. */
class PluginFolderTest {

    @TempDir
    Path dir;

    @Test
    void the_first_scan_reports_every_jar_and_nothing_else() throws Exception {
        Files.writeString(dir.resolve("a.jar"), "a");
        Files.writeString(dir.resolve("notes.txt"), "not a plugin");
        Files.writeString(dir.resolve(".b.jar.part"), "a copy under way");
        PluginFolder folder = new PluginFolder(dir);

        assertThat(folder.scan(true).ready()).containsExactly(dir.resolve("a.jar"));
        assertThat(folder.scan(true).isEmpty()).as("reported once").isTrue();
    }

    @Test
    void a_new_jar_is_ready_once_it_stays_the_same_across_two_scans() throws Exception {
        PluginFolder folder = new PluginFolder(dir);
        folder.scan(true);
        Path jar = dir.resolve("new.jar");

        Files.writeString(jar, "half");
        assertThat(folder.scan(true).isEmpty()).as("seen once: may still be copied").isTrue();
        Files.writeString(jar, "half and the rest");
        assertThat(folder.scan(true).isEmpty()).as("it changed since").isTrue();
        assertThat(folder.scan(true).ready()).containsExactly(jar);
        assertThat(folder.scan(true).isEmpty()).isTrue();
    }

    @Test
    void a_jar_is_ready_at_once_when_settling_is_not_asked() throws Exception {
        PluginFolder folder = new PluginFolder(dir);
        folder.scan(true);
        Files.writeString(dir.resolve("new.jar"), "all");

        assertThat(folder.scan(false).ready()).containsExactly(dir.resolve("new.jar"));
    }

    @Test
    void a_changed_jar_is_ready_again_and_a_deleted_one_is_removed() throws Exception {
        Path jar = dir.resolve("p.jar");
        Files.writeString(jar, "1");
        PluginFolder folder = new PluginFolder(dir);
        folder.scan(true);

        Files.writeString(jar, "version 2");
        folder.scan(true);
        assertThat(folder.scan(true).ready()).containsExactly(jar);

        Files.delete(jar);
        PluginFolder.Changes changes = folder.scan(true);
        assertThat(changes.removed()).containsExactly(jar);
        assertThat(changes.ready()).isEmpty();
        assertThat(folder.scan(true).isEmpty()).isTrue();
    }

    @Test
    void a_forgotten_jar_is_ready_again() throws Exception {
        Path jar = dir.resolve("p.jar");
        Files.writeString(jar, "1");
        PluginFolder folder = new PluginFolder(dir);
        folder.scan(true);

        folder.forget(jar);
        assertThat(folder.scan(true).ready()).containsExactly(jar);
    }

    @Test
    void a_missing_folder_holds_no_jar() throws Exception {
        assertThat(new PluginFolder(dir.resolve("absent")).scan(true).isEmpty()).isTrue();
    }
}
