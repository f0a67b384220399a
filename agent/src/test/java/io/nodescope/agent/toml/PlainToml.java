package io.nodescope.agent.toml;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The parser's tables and arrays as plain maps and lists, for comparing whole documents. */
final class PlainToml {

    private PlainToml() {
    }

    static Object of(Object value) {
        if (value instanceof TomlTable) {
            TomlTable table = (TomlTable) value;
            Map<String, Object> map = new LinkedHashMap<>();
            for (String key : table.keySet()) {
                map.put(key, of(table.get(key)));
            }
            return map;
        }
        if (value instanceof TomlArray) {
            TomlArray array = (TomlArray) value;
            List<Object> list = new ArrayList<>();
            for (int i = 0; i < array.size(); i++) {
                list.add(of(array.get(i)));
            }
            return list;
        }
        return value;
    }
}
