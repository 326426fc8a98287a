/**
 * The configuration the captures were recorded with (shared/asterisk/conf): manager.conf users,
 * the extensions.conf contexts a test can originate into, queues.conf's `support` queue.
 */
import type { AmiUserConfig, Dialplan, QueueConfig } from './types';

export const DEFAULT_USERS: Record<string, AmiUserConfig> = {
	admin: { secret: 'adminpw', read: 'all', write: 'all' },
	limited: { secret: 'limitedpw', read: 'call', write: 'call' },
};

export const DEFAULT_DIALPLAN: Dialplan = {
	'park-test': {
		'100': [['Answer', ''], ['Wait', '30'], ['Hangup', '']],
		'200': [['Answer', ''], ['Wait', '30'], ['Hangup', '']],
	},
	echo: {
		'600': [['Answer', ''], ['Playback', 'demo-congrats'], ['Hangup', '']],
	},
	// extensions.conf's hints for ExtensionState (the hints themselves are in DEFAULT_HINTS).
	'hints-test': {
		'300': [['Answer', ''], ['Wait', '5'], ['Hangup', '']],
		'301': [['Answer', ''], ['Wait', '5'], ['Hangup', '']],
	},
	calls: {
		agent: [['Ringing', ''], ['Wait', '2'], ['Answer', ''], ['Wait', '3'], ['Hangup', '']],
		agentbusy: [['Busy', '5']],
	},
};

// Only `support`: the `sales` queue of queues.conf was added after the a*/d captures were made,
// and QueueStatus in those captures lists `support` alone.
export const DEFAULT_QUEUES: QueueConfig[] = [{ name: 'support', strategy: 'ringall' }];

export const DEFAULT_SOUND_SECONDS: Record<string, number> = { 'demo-congrats': 30, 'vm-goodbye': 1 };

export const DEFAULT_TECHNOLOGIES = ['Local', 'PJSIP', 'SIP', 'IAX2', 'DAHDI', 'Motif', 'Console', 'Dongle'];

export const DEFAULT_VERSION = 'Asterisk 22.10.1 built by root @ vm on a x86_64 running Linux on 2026-11-23 03:19:34 UTC';

/** `exten => 300,hint,Custom:test300` and `exten => 301,hint,Local/100@park-test` of extensions.conf. */
export const DEFAULT_HINTS: Record<string, Record<string, string>> = {
	'hints-test': { '300': 'Custom:test300', '301': 'Local/100@park-test' },
};

/** The modules of module_show.txt (`module show`, 122 modules loaded). */
export const DEFAULT_MODULES: string[] = [
	'acl', 'app_bridgewait.so', 'app_cdr.so', 'app_channelredirect.so', 'app_chanspy.so', 'app_controlplayback.so',
	'app_db.so', 'app_dial.so', 'app_directed_pickup.so', 'app_dumpchan.so', 'app_echo.so', 'app_exec.so',
	'app_externalivr.so', 'app_if.so', 'app_milliwatt.so', 'app_mixmonitor.so', 'app_originate.so', 'app_playback.so',
	'app_playtones.so', 'app_queue.so', 'app_read.so', 'app_readexten.so', 'app_record.so', 'app_senddtmf.so',
	'app_sendtext.so', 'app_softhangup.so', 'app_stack.so', 'app_system.so', 'app_transfer.so', 'app_userevent.so',
	'app_verbose.so', 'app_waituntil.so', 'app_while.so', 'bridge_builtin_features.so',
	'bridge_builtin_interval_features.so', 'bridge_holding.so', 'bridge_native_rtp.so', 'bridge_simple.so', 'ccss', 'cdr',
	'cdr_csv.so', 'cdr_manager.so', 'cel', 'cel_manager.so', 'chan_bridge_media.so', 'codec_a_mu.so', 'codec_adpcm.so',
	'codec_alaw.so', 'codec_gsm.so', 'codec_resample.so', 'codec_ulaw.so', 'dnsmgr', 'dsp', 'enum', 'extconfig',
	'features', 'format_gsm.so', 'format_pcm.so', 'format_sln.so', 'format_wav.so', 'format_wav_gsm.so', 'func_base64.so',
	'func_callcompletion.so', 'func_callerid.so', 'func_cdr.so', 'func_channel.so', 'func_cut.so', 'func_db.so',
	'func_devstate.so', 'func_dialplan.so', 'func_env.so', 'func_export.so', 'func_extstate.so', 'func_global.so',
	'func_groupcount.so', 'func_hangupcause.so', 'func_json.so', 'func_lock.so', 'func_logic.so', 'func_math.so',
	'func_md5.so', 'func_module.so', 'func_presencestate.so', 'func_rand.so', 'func_sha1.so', 'func_shell.so',
	'func_sprintf.so', 'func_strings.so', 'func_sysinfo.so', 'func_timeout.so', 'func_uri.so', 'func_uuid.so',
	'func_version.so', 'func_volume.so', 'http', 'indications', 'logger', 'manager', 'pbx_config.so', 'pbx_spool.so',
	'plc', 'res_agi.so', 'res_clioriginate.so', 'res_convert.so', 'res_crypto.so', 'res_limit.so',
	'res_manager_devicestate.so', 'res_manager_presencestate.so', 'res_musiconhold.so', 'res_mutestream.so',
	'res_parking.so', 'res_rtp_asterisk.so', 'res_security_log.so', 'res_sorcery_astdb.so', 'res_sorcery_config.so',
	'res_sorcery_memory.so', 'res_sorcery_memory_cache.so', 'res_speech.so', 'res_timing_pthread.so',
	'res_timing_timerfd.so', 'sounds', 'udptl',
];

/**
 * The loaded modules that have a reload callback (`.reload =` in their AST_MODULE_INFO, Asterisk
 * 22 branch); Reload of any other loaded module is `Module does not support reload`.
 */
export const RELOADABLE_MODULES = new Set([
	'acl', 'app_playback.so', 'app_queue.so', 'cdr', 'cdr_csv.so', 'cdr_manager.so', 'cel', 'cel_manager.so', 'dnsmgr',
	'dsp', 'enum', 'extconfig', 'features', 'http', 'indications', 'logger', 'manager', 'pbx_config.so', 'plc',
	'res_crypto.so', 'res_musiconhold.so', 'res_parking.so', 'res_rtp_asterisk.so', 'res_sorcery_config.so',
	'res_sorcery_memory_cache.so', 'udptl',
]);
