"""Files Payung reads and writes: the room below every app that opens or hands out a file.

``reader.read_table`` reads an upload (.xlsx, .xls, .ods, .csv) into a ``table.Table``; ``cells``
holds the one rule for what may stand in a spreadsheet cell; ``writers`` the CSV and XLSX writers
every export uses; ``workbooks`` the error workbook; ``uploads`` and ``columns`` the helpers of
the pages and services that take files. Nothing here imports a Payung app (only the domain): an
app hands over a path or plain values and gets a table or bytes back. See README.md.
"""
