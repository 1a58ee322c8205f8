"""Good practice: what a record does well, what kind of record it is, and what its practice model asks of it.

- ``strengths``: the strengths a sentence records, in ordinary words ("was a postman for 38 years");
- ``decisions``: decisions, and whether the record explains them;
- ``people``: whose act a clause is (the person, their network, a professional or a thing);
- ``profile``: the counts per file (strengths, the person's own words, outcomes in their voice, decisions
  explained), made by observers that see every sentence as the checks do;
- ``kinds``: the kind of document (care and support plan, Signs of Safety, assessment, case note, review,
  letter), from its headings and words, with an explainable score.

Word lists and patterns are data (``*.yaml`` beside the modules), checked when they load.
"""
