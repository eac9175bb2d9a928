"""Print the PDFs (whole guidance, bench notes, training handouts): see macros/site/pdfs.py."""
import sys

from macros.site.pdfs import main

if __name__ == "__main__":
    sys.exit(main())
