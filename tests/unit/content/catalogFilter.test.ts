import { describe, expect, it } from 'vitest';
import { groupByTopic } from '../../../components/catalog/filter';

const entries = [
  { title: 'Queueing basics', topic: 'Queueing' },
  { title: 'Queue lab', topic: 'Queueing' },
  { title: 'Kafka producer batching', topic: 'Streaming' },
  { title: 'Résumable uploads', topic: 'Uploads' },
];

describe('catalog grouping', () => {
  it('groups by topic in the order given', () => {
    expect(groupByTopic(entries).map((g) => [g.topic, g.entries.length])).toEqual([
      ['Queueing', 2],
      ['Streaming', 1],
      ['Uploads', 1],
    ]);
  });
});
