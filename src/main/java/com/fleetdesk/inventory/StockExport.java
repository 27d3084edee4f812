package com.fleetdesk.inventory;

import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/** Writes the stock lines matching a filter as an Excel workbook while reading them from a database cursor. */
@Component
public class StockExport {

    public static final String MIME_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private static final String[] HEADERS = {"Part number", "Name", "Category", "Barcode", "Location", "Bin", "Unit", "On hand", "Reserved",
            "Available", "Reorder point", "Critical point", "Status", "Expired in lots"};

    private final StockService stock;

    StockExport(StockService stock) {
        this.stock = stock;
    }

    /** Streams the filtered stock lines to {@code out}; returns how many were written. */
    public long writeExcel(StockFilter filter, OutputStream out) throws IOException {
        Workbook workbook = new Workbook(out, "Fleetdesk", "1.0");
        Worksheet sheet = workbook.newWorksheet("Stock");
        for (int c = 0; c < HEADERS.length; c++) {
            sheet.value(0, c, HEADERS[c]);
            sheet.style(0, c).bold().set();
        }
        long[] row = {0};
        try {
            stock.forEach(filter, line -> {
                int r = (int) ++row[0];
                sheet.value(r, 0, line.partNumber());
                sheet.value(r, 1, line.partName());
                sheet.value(r, 2, line.category());
                sheet.value(r, 3, line.barcode());
                sheet.value(r, 4, line.locationName());
                sheet.value(r, 5, line.bin());
                sheet.value(r, 6, line.unit().symbol());
                sheet.value(r, 7, line.onHand());
                sheet.value(r, 8, line.reserved());
                sheet.value(r, 9, line.available());
                sheet.value(r, 10, line.reorderPoint());
                sheet.value(r, 11, line.criticalPoint());
                sheet.value(r, 12, line.status().label());
                sheet.value(r, 13, line.expiredInLots());
                if (r % 1000 == 0) {
                    try {
                        sheet.flush(); // hands finished rows to the output stream
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        sheet.finish();
        workbook.finish();
        return row[0];
    }
}
