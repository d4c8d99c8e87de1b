import { describe, expect, it } from 'vitest';
import { filterByTitle, groupByTopic } from '../../../components/catalog/filter';

const entries = [
  { title: 'Queueing basics', topic: 'Queueing' },
  { title: 'Queue lab', topic: 'Queueing' },
  { title: 'Kafka producer batching', topic: 'Streaming' },
  { title: 'Résumable uploads', topic: 'Uploads' },
];

describe('catalog search', () => {
  it('matches every word of the query in the title, ignoring case and accents', () => {
    expect(filterByTitle(entries, '').length).toBe(4);
    expect(filterByTitle(entries, '  ').length).toBe(4);
    expect(filterByTitle(entries, 'QUEUE').map((e) => e.title)).toEqual(['Queueing basics', 'Queue lab']);
    expect(filterByTitle(entries, 'lab queue').map((e) => e.title)).toEqual(['Queue lab']);
    expect(filterByTitle(entries, 'resumable').map((e) => e.title)).toEqual(['Résumable uploads']);
    expect(filterByTitle(entries, 'streaming')).toEqual([]);
  });

  it('groups by topic in the order given', () => {
    expect(groupByTopic(entries).map((g) => [g.topic, g.entries.length])).toEqual([
      ['Queueing', 2],
      ['Streaming', 1],
      ['Uploads', 1],
    ]);
  });
});
