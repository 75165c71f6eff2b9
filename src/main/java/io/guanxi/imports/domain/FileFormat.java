package io.guanxi.imports.domain;

import io.guanxi.shared.InvalidRequestException;
import java.util.Locale;

/** The kinds of file an import reads. */
public enum FileFormat {
    CSV,
    XLSX;

    /** By the file's first bytes (an XLSX is a ZIP archive), then by its name. */
    static FileFormat detect(String fileName, byte[] head, int length) {
        if (length >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) {
            return XLSX;
        }
        String name = fileName == null ? "" : fileName.toLowerCase(Locale.ROOT);
        if (name.endsWith(".xls")) {
            throw InvalidRequestException.forField(
                    "file", "Old Excel files (.xls) are not read; save the sheet as .xlsx or CSV");
        }
        if (name.endsWith(".xlsx")) {
            throw InvalidRequestException.forField("file", "The file is named .xlsx but is not an Excel workbook");
        }
        return CSV;
    }
}
