namespace Ticketing.Contracts.Events;

/// <summary>A clock on an office's work item ran out before the work was done.</summary>
[Topic("sla.breached", 2)]
public sealed record SlaBreached(Guid TicketId, Guid WorkItemId, string OfficeCode, string Clock, DateTimeOffset Deadline)
    : IntegrationEvent, ITicketEvent;

/// <summary>预警: a clock used <see cref="PercentUsed"/> of its working time; <see cref="Level"/> is <c>yellow</c> or <c>red</c>.</summary>
[Topic("sla.warning")]
public sealed record SlaWarning(Guid TicketId, Guid WorkItemId, string OfficeCode, string Clock, string Level, int PercentUsed,
    DateTimeOffset Deadline) : IntegrationEvent, ITicketEvent;

/// <summary>
/// A breach raised for work that was in fact finished in time (the finish arrived after the deadline, or an extension
/// granted in time moved the deadline): it no longer counts against the office.
/// </summary>
[Topic("sla.breach-withdrawn")]
public sealed record SlaBreachWithdrawn(Guid TicketId, Guid WorkItemId, string OfficeCode, string Clock, DateTimeOffset Deadline, string Reason)
    : IntegrationEvent, ITicketEvent;

/// <summary>
/// 督办单: supervision told an office its work is overdue, at <see cref="Level"/> 1 to 3. At level 3 the office's
/// parent (<see cref="ParentOfficeCode"/>) and the complaint specialists are told as well.
/// </summary>
[Topic("supervision.notice-issued")]
public sealed record SupervisionNoticeIssued(Guid TicketId, Guid NoticeId, Guid WorkItemId, string OfficeCode, int Level,
    string? ParentOfficeCode, bool SpecialistsNotified, DateTimeOffset Deadline) : IntegrationEvent, ITicketEvent;

/// <summary>The office acknowledged a supervision notice (签收督办单).</summary>
[Topic("supervision.notice-acknowledged")]
public sealed record SupervisionNoticeAcknowledged(Guid TicketId, Guid NoticeId, string OfficeCode, int Level, string Note, string AcknowledgedBy)
    : IntegrationEvent, ITicketEvent;

/// <summary>催办: a complaint specialist or supervisor pressed the office by hand.</summary>
[Topic("supervision.reminder-sent")]
public sealed record SupervisionReminderSent(Guid TicketId, Guid ReminderId, Guid WorkItemId, string OfficeCode, string Text, string SentBy)
    : IntegrationEvent, ITicketEvent;

/// <summary>延期申请: the office asked for a later deadline on one of its clocks.</summary>
[Topic("sla.extension-requested")]
public sealed record SlaExtensionRequested(Guid TicketId, Guid ExtensionId, Guid WorkItemId, string OfficeCode, DateTimeOffset Deadline,
    DateTimeOffset WantedDeadline, string Reason, string RequestedBy) : IntegrationEvent, ITicketEvent;

/// <summary>A supervisor decided an extension request: approved with <see cref="NewDeadline"/>, or denied.</summary>
[Topic("sla.extension-decided")]
public sealed record SlaExtensionDecided(Guid TicketId, Guid ExtensionId, Guid WorkItemId, string OfficeCode, bool Approved,
    DateTimeOffset OriginalDeadline, DateTimeOffset? NewDeadline, string Note, string DecidedBy) : IntegrationEvent, ITicketEvent;
