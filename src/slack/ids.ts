/**
 * Every Slack action_id, callback_id and block_id the app uses, declared once. Builders and
 * listeners import these; manifest.yml repeats the shortcut callback id (a test keeps them equal).
 */
export const ActionId = {
  Claim: 'request_claim',
  Assign: 'request_assign',
  Dismiss: 'request_dismiss',
  /** [Set ETA], [Change ETA], [Revise ETA]: all open the ETA modal. */
  SetEta: 'request_set_eta',
  PostUpdate: 'request_post_update',
  StillOnIt: 'request_still_on_it',
  WaitOnClient: 'request_wait_on_client',
  /** [Resolved]: opens the modal for an optional summary. */
  Resolve: 'request_resolve',
  OnTrackYes: 'request_on_track_yes',
  Reopen: 'request_reopen',
  NoActionNeeded: 'request_no_action_needed',
  /** "Show more" under a /status page. */
  StatusShowMore: 'status_show_more',
  /** [Erase] under `/status erase …`, after Slack's own confirmation dialog. */
  StatusErase: 'status_erase',
  /** [Pass on our thanks] for a client channel, in a team lead's weekly digest. */
  PassOnThanks: 'digest_pass_on_thanks',
  /** Inputs inside modals (each in its own input block). */
  EtaQuickPick: 'eta_quick_pick',
  EtaDate: 'eta_date',
  EtaTime: 'eta_time',
  EtaNote: 'eta_note',
  UpdateText: 'update_text',
  UpdateNoNewEta: 'update_no_new_eta',
  WaitNeed: 'wait_need',
  ResolveSummary: 'resolve_summary',
  ResolveThanks: 'resolve_thanks',
  AssignUser: 'assign_user',
} as const;

export const CallbackId = {
  TrackAsRequest: 'track_as_request',
  EtaModal: 'eta_modal',
  UpdateModal: 'update_modal',
  WaitModal: 'wait_modal',
  ResolveModal: 'resolve_modal',
  AssignModal: 'assign_modal',
  SettingsModal: 'settings_modal',
} as const;

/** Inputs of the channel settings modal: block id `settings_<field>`, action id `<field>`. */
export const SettingsInput = {
  clientName: 'settings_clientName',
  language: 'settings_language',
  timezone: 'settings_timezone',
  opens: 'settings_opens',
  closes: 'settings_closes',
  workingDays: 'settings_workingDays',
  holidays: 'settings_holidays',
  cadenceUrgent: 'settings_cadenceUrgent',
  cadenceNormal: 'settings_cadenceNormal',
  firstUpdate: 'settings_firstUpdate',
  grace: 'settings_grace',
  retention: 'settings_retention',
  clientNudgeDays: 'settings_clientNudgeDays',
  triageChannelId: 'settings_triageChannelId',
  defaultOwnerIds: 'settings_defaultOwnerIds',
  teamLeadIds: 'settings_teamLeadIds',
  onCallIds: 'settings_onCallIds',
  toggles: 'settings_toggles',
} as const;

export const BlockId = {
  /** A client channel's row in the digest's thanks offer: this, `_`, the channel id. */
  ThanksOffer: 'thanks_offer',
  CardActions: 'request_card_actions',
  /** On a batch card each request has its own actions block: this, `_`, the request id. */
  BatchCardActions: 'batch_card_actions',
  PromptActions: 'request_prompt_actions',
  EtaQuickPick: 'eta_quick_pick_block',
  EtaDate: 'eta_date_block',
  EtaTime: 'eta_time_block',
  EtaNote: 'eta_note_block',
  UpdateText: 'update_text_block',
  UpdateNoNewEta: 'update_no_new_eta_block',
  WaitNeed: 'wait_need_block',
  ResolveSummary: 'resolve_summary_block',
  ResolveThanks: 'resolve_thanks_block',
  AssignUser: 'assign_user_block',
} as const;

export const Command = {
  Status: '/status',
} as const;

/** Key used in chat.postMessage metadata so that our own messages can be recognised again. */
export const MetadataEventType = 'kuittaus_message';
