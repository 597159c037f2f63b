// Drives the example service with @supabase/postgrest-js, the client most PostgREST users have.
// Run by PostgrestJsIT with BASE_URL set to the service; exits non-zero on the first failed check.
import assert from 'node:assert/strict';
import { PostgrestClient } from '@supabase/postgrest-js';

const client = new PostgrestClient(process.env.BASE_URL);

function ok(result) {
  assert.equal(result.error, null, JSON.stringify(result.error));
  return result;
}

const checks = {
  async select() {
    const { data, status } = ok(await client.from('books').select('id, title').eq('id', 1));
    assert.equal(status, 200);
    assert.deepEqual(data, [{ id: 1, title: 'A Wizard of Earthsea' }]);
  },
  async filters() {
    const { data } = ok(await client.from('books').select('id').in('id', [1, 3, 5]).gt('id', 1)
      .ilike('title', '%i%').order('id'));
    assert.deepEqual(data, [{ id: 5 }]);
    const or = ok(await client.from('books').select('id').or('id.eq.2,title.eq.Kindred').order('id'));
    assert.deepEqual(or.data, [{ id: 2 }, { id: 5 }]);
    const nulls = ok(await client.from('books').select('id').is('author_id', null));
    assert.deepEqual(nulls.data, [{ id: 6 }]);
    const contains = ok(await client.from('books').select('id').contains('tags', ['humour']).order('id'));
    assert.deepEqual(contains.data, [{ id: 3 }, { id: 4 }]);
    const text = ok(await client.from('specimens').select('id').textSearch('doc', 'fox', { config: 'english' })
      .order('id'));
    assert.deepEqual(text.data, [{ id: 1 }, { id: 3 }]);
  },
  async order() {
    const { data } = ok(await client.from('authors').select('name').order('name', { ascending: false }));
    assert.deepEqual(data.map((a) => a.name), ['Ursula K. Le Guin', 'Terry Pratchett', 'Octavia E. Butler']);
  },
  async rangeAndCount() {
    const res = ok(await client.from('books').select('id', { count: 'exact' }).order('id').range(1, 2));
    assert.equal(res.status, 206);
    assert.equal(res.count, 6);
    assert.deepEqual(res.data, [{ id: 2 }, { id: 3 }]);
    const head = ok(await client.from('books').select('*', { count: 'exact', head: true }));
    assert.equal(head.count, 6);
    assert.equal(head.data, null);
  },
  async embedding() {
    const { data } = ok(await client.from('books').select('title, authors(name), readers(name)')
      .eq('id', 3).order('name', { referencedTable: 'readers' }));
    assert.deepEqual(data, [{ title: 'Guards! Guards!', authors: { name: 'Terry Pratchett' },
      readers: [{ name: 'Ann' }, { name: 'Cid' }] }]);
    const inner = ok(await client.from('books').select('id, authors!inner(name)').eq('authors.name', 'Octavia E. Butler'));
    assert.deepEqual(inner.data, [{ id: 5, authors: { name: 'Octavia E. Butler' } }]);
  },
  async single() {
    const one = ok(await client.from('books').select('id').eq('id', 4).single());
    assert.deepEqual(one.data, { id: 4 });
    const none = await client.from('books').select('id').eq('id', 99).maybeSingle();
    assert.equal(none.error, null);
    assert.equal(none.data, null);
    const many = await client.from('books').select('id').single();
    assert.equal(many.status, 406);
    assert.equal(many.error.code, 'PGRST116');
  },
  async csv() {
    const { data } = ok(await client.from('books').select('id,title').lte('id', 2).order('id').csv());
    // PostgreSQL's record text form quotes values with blanks
    assert.equal(data, 'id,title\n1,"A Wizard of Earthsea"\n2,"The Left Hand of Darkness"');
  },
  async errors() {
    const res = await client.from('books').select('id, nope(*)');
    assert.equal(res.status, 400);
    assert.equal(res.error.code, 'PGRST200');
  },
};

let failed = 0;
for (const [name, check] of Object.entries(checks)) {
  try {
    await check();
    console.log(`ok ${name}`);
  } catch (e) {
    failed++;
    console.log(`FAILED ${name}: ${e.message}`);
  }
}
process.exit(failed === 0 ? 0 : 1);
