export { chatLab } from './lab';
export { ChatModel, type ChatResult, type ChatEvent } from './sim/model';
export { chatSchema, crossCheck, type ChatParams } from './params';
