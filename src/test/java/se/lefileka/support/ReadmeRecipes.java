package se.lefileka.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The README's route recipes as written there, so that a test runs what an operator reads. */
public final class ReadmeRecipes {

    private ReadmeRecipes() {
    }

    /** The YAML of the recipe whose paragraph starts with {@code **title**}: the first yaml block after it. */
    public static String yaml(String title) throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        int recipe = readme.indexOf("\n**" + title + "**");
        if (recipe < 0) {
            throw new IllegalStateException("README.md has no recipe '" + title + "'");
        }
        int start = readme.indexOf("```yaml\n", recipe) + "```yaml\n".length();
        return readme.substring(start, readme.indexOf("```", start));
    }
}
