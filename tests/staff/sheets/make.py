#!/usr/bin/python3
"""Remake the spreadsheets the import tests read, with LibreOffice, as staff would have them.

CI has no LibreOffice, so the files it makes are committed beside their sources. Run this after
changing ledger.csv or errors.csv (Debian: apt-get install libreoffice-calc python3-uno):

    /usr/bin/python3 tests/staff/sheets/make.py

LibreOffice opens each CSV the way a person does (zh-CN, numbers and dates recognised: a phone
typed without its dash becomes the number 3546231018, 2021/5/1 a date), then for the ledger
merges the title row, hides the 乡镇街道 column, and saves .xlsx, .xls and .ods; the ledger is
also saved back as CSV in GBK, as Excel on Chinese Windows does.
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
