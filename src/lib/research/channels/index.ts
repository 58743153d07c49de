export { channel, type Channel, type ChannelOptions, type ChannelPoint } from './channel.js';
export { compareSlopes, type SlopePeriod, type SlopeComparison } from './compare-slopes.js';
