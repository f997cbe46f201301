import { expect } from 'chai';
import knex from 'knex';
import { hasTrigram, jobSearchQuery, searchTerms } from './job-search';

describe('job search terms', () => {
  it('keeps a short word with its neighbour, as typed, and alone only when nothing else is typed', () => {
    expect(searchTerms('Am Markt 71')).to.deep.equal(['am markt 71']);
    expect(searchTerms('71')).to.deep.equal(['71']);
    expect(searchTerms('  Berlin  alexanderplatz ')).to.deep.equal(['berlin', 'alexanderplatz']);
  });

  it('knows which terms have a trigram the index can look for', () => {
    expect(hasTrigram('71')).to.equal(false);
    expect(hasTrigram('ab')).to.equal(false);
    expect(hasTrigram('a-')).to.equal(false);
    expect(hasTrigram('71,'), 'a word that ends inside the term is padded: "71 "').to.equal(true);
    expect(hasTrigram('-7'), 'a word that starts inside the term is padded: "  7"').to.equal(true);
    expect(hasTrigram('am markt 71')).to.equal(true);
    expect(hasTrigram('müh')).to.equal(true);
  });

  it('matches a term without trigram where the trigram index cannot be used, and others where it can', () => {
    const db = knex({ client: 'pg' });
    const sql = (text: string) =>
      jobSearchQuery(db, {
        scope: { providerId: 'p' },
        words: [{ text, jobTypeIds: [] }],
        sort: 'createdAt',
        direction: 'desc',
        limit: 50,
      }).toSQL().sql;
    expect(sql('71')).to.include("(jobs.search_text || '') ilike");
    expect(sql('alexanderplatz')).to.include('jobs.search_text ilike').and.not.include("|| '')");
  });
});
