'use client';
/** The Kafka lab module, loaded lazily through components/labs/registry.ts. */
export { kafkaLab as lab } from '@/simulations/kafka';
export { KafkaView as View } from './KafkaView';
