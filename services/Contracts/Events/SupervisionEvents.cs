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

/// <summary>
/// A clock's deadline as the office should see it now: announced when the clock starts, pauses or resumes, is shortened
/// by an escalation or moved by an approved extension, and when it stops. <see cref="Deadline"/> is null while the clock is
/// paused (waiting on the customer: the deadline moves on by the wait, so none is due) and once it stopped (the work ended,
/// was returned or withdrawn). <see cref="AssignmentId"/> is the dispatch assignment the work belongs to (the sign-for
/// clock's own, the handling case's assignment), null for the call centre's callback clocks. <see cref="Sequence"/> counts
/// the clock's announcements from 1, so a subscriber keeps the highest and ignores one that arrives after a later one;
/// <see cref="StartedAt"/> orders the clocks of one assignment (a reopen's handling clock starts after the first's).
/// </summary>
[Topic("sla.deadline-changed")]
public sealed record SlaDeadlineChanged(Guid TicketId, Guid WorkItemId, Guid? AssignmentId, string OfficeCode, string Clock, DateTimeOffset StartedAt,
    DateTimeOffset? Deadline, bool Paused, bool Stopped, int Sequence) : IntegrationEvent, ITicketEvent;
