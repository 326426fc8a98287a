/**
 * Bridges and the parking lot, as far as the AMI shows them: the Bridge action's basic bridge
 * (BridgeCreate, BridgeEnter, BridgeLeave, BridgeDestroy with manager_bridges.c's bridge
 * snapshot), its peers for BlindTransfer, and res_parking's default lot (spaces 701-750, 45 s)
 * with the ParkedCall / ParkedCallGiveUp events of parking_manager.c.
 */
import { randomUUID } from 'node:crypto';
import type { Channel } from './channel';
import type { Pbx } from './pbx';
import type { Headers } from './types';

export interface SimBridge {
	readonly id: string;
	readonly type: string;
	readonly technology: string;
	readonly channels: Channel[];
}

/** res_parking's default lot when res_parking.conf defines none (parking_lot_cfg defaults). */
export const PARKING_LOT = { name: 'default', first: 701, last: 750, seconds: 45 };

interface Parked {
	channel: Channel;
	lot: string;
	space: number;
	timeout: number;
	parkerDialString: string;
	at: number;
}

export class BridgeRegistry {
	readonly bridges = new Map<string, SimBridge>();
	readonly parked = new Map<number, Parked>();

	constructor(private readonly pbx: Pbx) {}

	/** ast_manager_build_bridge_state_string_prefix() (manager_bridges.c). */
	static snapshot(bridge: SimBridge, prefix = ''): Headers {
		return [
			[`${prefix}BridgeUniqueid`, bridge.id],
			[`${prefix}BridgeType`, bridge.type],
			[`${prefix}BridgeTechnology`, bridge.technology],
			[`${prefix}BridgeCreator`, '<unknown>'],
			[`${prefix}BridgeName`, '<unknown>'],
			[`${prefix}BridgeNumChannels`, String(bridge.channels.length)],
			[`${prefix}BridgeVideoSourceMode`, 'none'],
		];
	}

	/** ast_bridge_basic_new() (type basic, two-party simple_bridge): BridgeCreate. */
	create(): SimBridge {
		const bridge: SimBridge = { id: randomUUID(), type: 'basic', technology: 'simple_bridge', channels: [] };
		this.bridges.set(bridge.id, bridge);
		this.pbx.emit('BridgeCreate', 'call', BridgeRegistry.snapshot(bridge));
		return bridge;
	}

	snapshotOf(bridge: SimBridge): Headers {
		return BridgeRegistry.snapshot(bridge);
	}

	find(channel: Channel): SimBridge | undefined {
		return channel.bridgeId === undefined ? undefined : this.bridges.get(channel.bridgeId);
	}

	/** ast_bridge_add_channel(): a channel in another bridge leaves it first; BridgeEnter. */
	enter(bridge: SimBridge, channel: Channel): void {
		this.leave(channel);
		bridge.channels.push(channel);
		channel.bridgeId = bridge.id;
		this.pbx.emit('BridgeEnter', 'call', [...BridgeRegistry.snapshot(bridge), ...channel.stateHeaders()]);
	}

	/**
	 * The channel leaves its bridge (BridgeLeave). A basic bridge that is down to one channel
	 * ejects it (its after-goto sends it back to the dialplan), and an empty bridge is destroyed.
	 */
	leave(channel: Channel): void {
		const bridge = this.find(channel);
		if (bridge === undefined) return;
		bridge.channels.splice(bridge.channels.indexOf(channel), 1);
		channel.bridgeId = undefined;
		this.pbx.emit('BridgeLeave', 'call', [...BridgeRegistry.snapshot(bridge), ...channel.stateHeaders()]);
		if (bridge.channels.length === 1) {
			this.leave(bridge.channels[0]);
			return;
		}
		if (bridge.channels.length === 0) {
			this.bridges.delete(bridge.id);
			this.pbx.emit('BridgeDestroy', 'call', BridgeRegistry.snapshot(bridge));
		}
	}

	/** ast_bridge_peer(): the other channel of a two-party bridge. */
	peer(channel: Channel): Channel | undefined {
		const bridge = this.find(channel);
		if (bridge === undefined || bridge.channels.length !== 2) return undefined;
		return bridge.channels.find((c) => c !== channel);
	}

	/** The first free space of the lot, or undefined when it is full. */
	freeSpace(): number | undefined {
		for (let space = PARKING_LOT.first; space <= PARKING_LOT.last; space++) if (!this.parked.has(space)) return space;
		return undefined;
	}

	/** The channel is parked: it leaves its bridge; ParkedCall (manager_build_parked_call_string()). */
	park(channel: Channel, space: number, timeout: number, parkerDialString: string): void {
		this.leave(channel);
		const entry: Parked = { channel, lot: PARKING_LOT.name, space, timeout, parkerDialString, at: Date.now() };
		this.parked.set(space, entry);
		channel.parkingSpace = space;
		this.pbx.emit('ParkedCall', 'call', this.parkedCallBody(entry));
	}

	/** A parked channel hangs up: ParkedCallGiveUp, and its space is free again. */
	hungUp(channel: Channel): void {
		this.leave(channel);
		if (channel.parkingSpace === undefined) return;
		const entry = this.parked.get(channel.parkingSpace);
		this.parked.delete(channel.parkingSpace);
		channel.parkingSpace = undefined;
		if (entry !== undefined) this.pbx.emit('ParkedCallGiveUp', 'call', this.parkedCallBody(entry));
	}

	private parkedCallBody(entry: Parked): Headers {
		const duration = Math.floor((Date.now() - entry.at) / 1000);
		return [
			...entry.channel.stateHeaders('Parkee'),
			['ParkerDialString', entry.parkerDialString],
			['Parkinglot', entry.lot],
			['ParkingSpace', String(entry.space)],
			['ParkingTimeout', String(Math.max(0, entry.timeout - duration))],
			['ParkingDuration', String(duration)],
		];
	}
}
