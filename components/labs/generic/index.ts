export { GenericView } from './GenericView';
