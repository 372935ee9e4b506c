using System.Text.Json.Serialization;

namespace Ticketing.Contracts;

/// <summary>来源渠道: how the customer reached us.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Channel>))]
public enum Channel { Phone, Web, WeChat, App, Email, WalkIn }

/// <summary>诉求类型.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Category>))]
public enum Category { Consultation, Complaint, Report, HelpRequest, Suggestion, Praise }

/// <summary>紧急程度.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Urgency>))]
public enum Urgency { Normal, Urgent, Critical }

/// <summary>满意度: the customer's verdict at callback.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Satisfaction>))]
public enum Satisfaction { Satisfied, BasicallySatisfied, Unsatisfied }

/// <summary>
/// Where a ticket is on the lifecycle (design.md §2); the workflow service is the authority on it.
/// UnderReview is the hotline centre's review of the office's reply (审核); AwaitingDecision waits for a
/// supervisor once the returns or reopens reach their limit.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<TicketState>))]
public enum TicketState
{
    Received, Accepted, Rejected, Assigned, Returned, InProgress, AwaitingCallback, Closed, Merged, UnderReview, AwaitingDecision,
}

/// <summary>
/// A piece of work the workflow opens while a ticket is in a state, and closes when it moves on. Each is
/// kept by the service that acts on it, under its own id.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<WorkItemKind>))]
public enum WorkItemKind
{
    /// <summary>Intake's decision on a received ticket (accept, reject, resolve at first contact); its id is the ticket's.</summary>
    Registration,

    /// <summary>Dispatch routes the ticket to an office, automatically or by a dispatcher's hand.</summary>
    Dispatch,

    /// <summary>An office to sign for or return (签收/退回), kept by dispatch.</summary>
    Assignment,

    /// <summary>The office's handling until its result (办结), kept by follow-up.</summary>
    HandlingCase,

    /// <summary>The hotline centre's review of the office's reply (审核), kept by the workflow.</summary>
    Review,

    /// <summary>An agent's call to the customer (回访), kept by callback.</summary>
    CallbackTask,

    /// <summary>A supervisor decides after the return or reopen limit, kept by the workflow.</summary>
    SupervisorDecision,
}

/// <summary>How a work item ended.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<WorkItemOutcome>))]
public enum WorkItemOutcome
{
    /// <summary>Its own step moved the ticket on.</summary>
    Done,

    /// <summary>The ticket moved elsewhere (closed early, merged, reassigned, returned) before the item was done.</summary>
    Withdrawn,

    /// <summary>Its service reported a step the workflow could not apply; the step did not happen.</summary>
    Superseded,
}

/// <summary>
/// 退回原因: why an office sent its work back, from a fixed list so supervisors can count returns by cause. The
/// office's own words travel beside it as the reason text. Stored and sent by name.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<ReturnReason>))]
public enum ReturnReason
{
    /// <summary>不属于本单位管辖: the place or matter is under another office's jurisdiction.</summary>
    NotOurJurisdiction,

    /// <summary>不属于本单位职责: the matter is another office's or bureau's duty.</summary>
    NotOurDuty,

    /// <summary>信息不全无法办理: the ticket lacks what the office needs to act on it.</summary>
    InformationIncomplete,

    /// <summary>重复工单: the same matter is already another ticket.</summary>
    DuplicateOfAnother,

    /// <summary>无法办理/政策不支持: no office can do what is asked, or policy does not allow it.</summary>
    CannotBeHandled,

    /// <summary>其他: none of the above; the reason text says what.</summary>
    Other,
}
