package io.guanxi.imports.web;

import io.guanxi.imports.domain.ColumnMapping;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The mapping form: the field chosen for each column (by position), the match key, and a name to save it under. */
public class ImportRunFormData {

    private List<String> fields = new ArrayList<>();
    private String matchKey;
    private String saveAs;

    public List<String> getFields() {
        return fields;
    }

    public void setFields(List<String> fields) {
        this.fields = fields;
    }

    public String getMatchKey() {
        return matchKey;
    }

    public void setMatchKey(String matchKey) {
        this.matchKey = matchKey;
    }

    public String getSaveAs() {
        return saveAs;
    }

    public void setSaveAs(String saveAs) {
        this.saveAs = saveAs;
    }

    /** Columns with a field chosen, by their titles. */
    ColumnMapping toMapping(List<String> headers) {
        Map<String, String> columns = new LinkedHashMap<>();
        for (int i = 0; i < headers.size() && i < fields.size(); i++) {
            String field = fields.get(i);
            if (field != null && !field.isBlank()) {
                columns.put(headers.get(i), field);
            }
        }
        return new ColumnMapping(columns);
    }
}
