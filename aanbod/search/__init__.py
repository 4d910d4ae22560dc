"""The parents' search over the catalogue, one module per kind of thing.

- parsing: a question's words → search words, place candidates and time filters (no DB);
- text: words as search sees them (normalisation, stop words, compound parts);
- vocabulary: the words the catalogue knows (synonyms, need words, spelling) and
  `prepare_query`, which looks a query's words up in one statement;
- sql: SQL fragments with their parameters;
- conditions: which offers match (words and filters);
- dates: when offers take place, in SQL (next start, "today", "happening now");
- ranking: the order that fits the question;
- facets: the result counts per filter value;
- index: the stored search document and filter columns of each offer;
- results: `offer_search`, a page of results.
The search form's filters stay in aanbod.filters (shared with the agenda and the flyer).
"""
