package dev.poolbench.loadruns;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reading a summary in the tests. */
final class LoadRunTestSupport {

    private LoadRunTestSupport() {
    }

    /** The summary's {@code byRequest}, by request name. */
    @SuppressWarnings("unchecked")
    static Map<String, Map<String, Object>> byName(Map<String, Object> summary) {
        Map<String, Map<String, Object>> byName = new LinkedHashMap<>();
        for (Map<String, Object> request : (List<Map<String, Object>>) summary.get("byRequest")) {
            byName.put((String) request.get("name"), request);
        }
        return byName;
    }
}
