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

/// <summary>The main line of the lifecycle (design.md §2); the workflow service is the authority on it.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TicketState>))]
public enum TicketState { Received, Accepted, Rejected, Assigned, Returned, InProgress, AwaitingCallback, Closed, Merged }
