#!/usr/bin/python3
"""Remake the spreadsheets the import tests read, with LibreOffice, as staff would have them.

CI has no LibreOffice, so the files it makes are committed beside their sources. Run this after
changing ledger.csv or errors.csv (Debian: apt-get install libreoffice-calc python3-uno):

    /usr/bin/python3 tests/staff/sheets/make.py

LibreOffice opens each CSV the way a person does (zh-CN, numbers and dates recognised: a phone
typed without its dash becomes the number 3546231018, 2021/5/1 a date), then for the ledger
merges the title row, hides the 乡镇街道 column, and saves .xlsx, .xls and .ods; the ledger is
also saved back as CSV in GBK, as Excel on Chinese Windows does. merged.csv becomes the usual
台账 layout with 所属团组织 and 县区 merged over the rows they hold for (merged.*), and the ledger
again with its sheet hidden behind a visible one that says nothing (hidden-ledger.*).
"""

from __future__ import annotations

import os
import subprocess
import tempfile
import time
from pathlib import Path

import uno  # LibreOffice's Python bridge (python3-uno)
from com.sun.star.beans import PropertyValue

HERE = Path(__file__).resolve().parent
# Comma, double quote, UTF-8, from line 1, standard cells, zh-CN, quoted text not forced to text,
# detect special numbers (dates), keep spaces.
CSV_IN = "44,34,76,1,,2052,false,true,false,false,false"
CSV_GBK = "44,34,67,1,,2052"  # 67: GBK
SAVE = {"xlsx": "Calc MS Excel 2007 XML", "xls": "MS Excel 97", "ods": "calc8"}
HIDDEN_COLUMN = 6  # 乡镇街道 in ledger.csv
MERGED = ((3, 1, 3), (4, 1, 3))  # merged.csv: 所属团组织 and 县区 over the three venue rows (column, first row, last row)
DATE_HEADERS = ("建成时间", "关闭日期")  # shown 2021/5/1, as in Excel on Chinese Windows


def props(**values: object) -> tuple:
    found = []
    for name, value in values.items():
        prop = PropertyValue()
        prop.Name, prop.Value = name, value
        found.append(prop)
    return tuple(found)


def connect(pipe: str):
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    for _ in range(100):
        try:
            context = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
            return context.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", context)
        except Exception:  # noqa: BLE001 - not listening yet
            time.sleep(0.2)
    raise SystemExit("LibreOffice did not start")


def date_format(doc, sheet) -> None:
    """Dates LibreOffice recognised are shown (and saved to CSV) as 2021/5/1."""
    locale = uno.createUnoStruct("com.sun.star.lang.Locale")
    locale.Language, locale.Country = "zh", "CN"
    key = doc.NumberFormats.queryKey("YYYY/M/D", locale, False)
    if key == -1:
        key = doc.NumberFormats.addNew("YYYY/M/D", locale)
    used = sheet.createCursor()
    used.gotoEndOfUsedArea(False)
    for row in range(0, 3):
        for col in range(used.RangeAddress.EndColumn + 1):
            if sheet.getCellByPosition(col, row).String in DATE_HEADERS:
                sheet.getCellRangeByPosition(col, row + 1, col, used.RangeAddress.EndRow).NumberFormat = key


def main() -> None:
    pipe = f"leaguekit{os.getpid()}"
    with tempfile.TemporaryDirectory() as profile:
        office = subprocess.Popen(["soffice", "--headless", "--invisible", "--norestore", f"-env:UserInstallation=file://{profile}", f"--accept=pipe,name={pipe};urp;"])
        try:
            desktop = connect(pipe)
            for name in ("ledger", "errors"):
                url = uno.systemPathToFileUrl(str(HERE / f"{name}.csv"))
                doc = desktop.loadComponentFromURL(url, "_blank", 0, props(FilterName="Text - txt - csv (StarCalc)", FilterOptions=CSV_IN, Hidden=True))
                sheet = doc.Sheets.getByIndex(0)
                sheet.Name = "阵地台账"
                date_format(doc, sheet)
                if name == "ledger":
                    width = sheet.createCursor()
                    width.gotoEndOfUsedArea(False)
                    sheet.getCellRangeByPosition(0, 0, width.RangeAddress.EndColumn, 0).merge(True)
                    sheet.Columns.getByIndex(HIDDEN_COLUMN).IsVisible = False
                for suffix, filter_name in SAVE.items():
                    doc.storeToURL(uno.systemPathToFileUrl(str(HERE / f"{name}.{suffix}")), props(FilterName=filter_name, Overwrite=True))
                if name == "ledger":
                    doc.storeToURL(uno.systemPathToFileUrl(str(HERE / "ledger-gbk.csv")), props(FilterName="Text - txt - csv (StarCalc)", FilterOptions=CSV_GBK, Overwrite=True))
                if name == "ledger":
                    doc.Sheets.insertNewByName("说明", 0)
                    doc.Sheets.getByName("说明").getCellByPosition(0, 0).String = "台账在另一张工作表中"
                    sheet.IsVisible = False
                    for suffix in ("xlsx", "ods"):
                        doc.storeToURL(uno.systemPathToFileUrl(str(HERE / f"hidden-ledger.{suffix}")), props(FilterName=SAVE[suffix], Overwrite=True))
                doc.close(True)
            url = uno.systemPathToFileUrl(str(HERE / "merged.csv"))
            doc = desktop.loadComponentFromURL(url, "_blank", 0, props(FilterName="Text - txt - csv (StarCalc)", FilterOptions=CSV_IN, Hidden=True))
            sheet = doc.Sheets.getByIndex(0)
            sheet.Name = "阵地台账"
            for col, first, last in MERGED:
                sheet.getCellRangeByPosition(col, first, col, last).merge(True)
            for suffix, filter_name in SAVE.items():
                doc.storeToURL(uno.systemPathToFileUrl(str(HERE / f"merged.{suffix}")), props(FilterName=filter_name, Overwrite=True))
            doc.close(True)
        finally:
            try:
                desktop.terminate()
            except Exception:  # noqa: BLE001 - already gone
                pass
            office.wait(timeout=30)
    for path in sorted(HERE.glob("*.*")):
        print(path.name, path.stat().st_size)


if __name__ == "__main__":
    main()
