"""Files Payung writes (and, from issue 12, reads): the room below every app that opens a file.

``cells`` holds the one rule for what may stand in a spreadsheet cell; ``writers`` the CSV and
XLSX writers every export uses. Nothing here imports a Payung app: an app hands over plain
values (text, numbers, dates) and gets bytes back. See README.md.
"""
