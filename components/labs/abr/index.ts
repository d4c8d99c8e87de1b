export { abrLab as lab } from '@/simulations/abr';
export { AbrView as View } from './AbrView';
