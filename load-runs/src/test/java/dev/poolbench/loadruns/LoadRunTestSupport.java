package dev.poolbench.loadruns;

import dev.poolbench.results.LoadSummary;

import java.util.LinkedHashMap;
import java.util.Map;

/** Reading a summary in the tests. */
final class LoadRunTestSupport {

    private LoadRunTestSupport() {
    }

    /** The summary's {@code byRequest}, by request name. */
    static Map<String, LoadSummary.RequestFigures> byName(LoadSummary summary) {
        Map<String, LoadSummary.RequestFigures> byName = new LinkedHashMap<>();
        for (LoadSummary.RequestFigures request : summary.byRequest()) {
            byName.put(request.name(), request);
        }
        return byName;
    }
}
