package io.crmanalytics.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.crmanalytics.core.UserException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Defaults for any option from the {@code --config} file (YAML, or JSON which is YAML too). A key at the top
 * level applies to every command; a key under a command's name applies to that command only and wins:
 * <pre>
 * warehouse: /data/crm
 * ingest:
 *   max-reject-rate: 0.02
 * </pre>
 * Options given on the command line always win over the file.
 */
final class ConfigDefaults implements IDefaultValueProvider {
    private final JsonNode config;

    private ConfigDefaults(JsonNode config) {
        this.config = config;
    }

    static ConfigDefaults fromArgs(String[] args) {
        String file = configFile(args);
        if (file == null) {
            return new ConfigDefaults(null);
        }
        Path path = Path.of(file);
        if (!Files.isRegularFile(path)) {
            throw new UserException("config file not found: " + file);
        }
        try {
            JsonNode node = new ObjectMapper(new YAMLFactory()).readTree(path.toFile());
            if (node != null && !node.isNull() && !node.isObject()) {
                throw new UserException("config file " + file + " must hold a mapping of option names to values");
            }
            return new ConfigDefaults(node);
        } catch (IOException e) {
            throw new UserException("cannot read config file " + file + ": " + e.getMessage().split("\n")[0], e);
        }
    }

    private static String configFile(String[] args) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--config") && i + 1 < args.length) {
                return args[i + 1];
            }
            if (args[i].startsWith("--config=")) {
                return args[i].substring("--config=".length());
            }
        }
        return null;
    }

    @Override
    public String defaultValue(ArgSpec argSpec) {
        if (config == null || !(argSpec instanceof OptionSpec option)) {
            return null;
        }
        String key = option.longestName().replaceFirst("^-+", "");
        List<String> commandPath = new ArrayList<>(List.of(argSpec.command().qualifiedName(" ").split(" ")));
        commandPath.remove(0); // "crm"
        JsonNode scoped = config;
        for (String command : commandPath) {
            scoped = scoped == null ? null : scoped.get(command);
        }
        JsonNode value = scoped != null && scoped.has(key) ? scoped.get(key) : config.get(key);
        if (value == null || value.isNull() || value.isContainerNode()) {
            return value != null && value.isArray() ? joinArray(value) : null;
        }
        return value.asText();
    }

    private static String joinArray(JsonNode array) {
        List<String> items = new ArrayList<>();
        array.forEach(item -> items.add(item.asText()));
        return String.join(",", items);
    }
}
