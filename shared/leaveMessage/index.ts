// Leave-a-message tickets outside service hours.
export { LeaveMessageBook } from './LeaveMessageBook';
export { LeaveMessageAnswer, LeaveMessageInput, type LeaveMessageTicket } from './leaveMessageSchema';
export { LeaveMessageDesk } from './LeaveMessageDesk';
