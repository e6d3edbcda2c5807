"""Citation detection: which spans of an article are supported by a source.

A citation is one of five forms (each can be switched off with the
`citation-forms` option):

- ``link``: a link to an external source; links to the publisher's own domains
  (`own-domains`, plus the host of the frontmatter's canonical URL) do not count;
- ``footnote``: a ``[^n]`` marker that resolves to a footnote definition;
- ``reference``: a numbered marker ``[3]``, ``[1, 4-6]``, ``<sup>3</sup>``, ``¹`` or
  ``^3^`` that resolves to an entry of a References / Sources section;
- ``author-year``: ``(Smith et al., 2021)``, ``(WHO, 2020; Lee 2019)``,
  ``Berman et al. (2000)``;
- ``identifier``: a DOI, PMID, PMCID or arXiv id written in the text.

A citation covers its *unit*: its sentence, or its whole list item or table row
when it is in one. With ``citation-scope: paragraph`` it covers its paragraph.
A figure repeated in a summary section (Key Takeaways, Summary, Bottom line...)
is supported when the same figure is cited elsewhere in the article.
"""

from .author_year import is_author_year
from .index import Citations, citation_index, citations_for, same_figure
from .markers import Citation, is_external, marker_spans, own_domains, reference_entries
from .options import CITATION_OPTIONS, FORMS

__all__ = [
    "CITATION_OPTIONS",
    "FORMS",
    "Citation",
    "Citations",
    "citation_index",
    "citations_for",
    "is_author_year",
    "is_external",
    "marker_spans",
    "own_domains",
    "reference_entries",
    "same_figure",
]
