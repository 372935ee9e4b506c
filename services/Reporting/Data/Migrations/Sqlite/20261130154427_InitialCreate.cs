using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ticketing.Reporting.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class InitialCreate : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AssignmentFacts",
                columns: table => new
                {
                    AssignmentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TicketId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OfficeCode = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    AssignedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    SignedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ReturnedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AssignmentFacts", x => x.AssignmentId);
                });

            migrationBuilder.CreateTable(
                name: "BreachFacts",
                columns: table => new
                {
                    WorkItemId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Clock = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    TicketId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OfficeCode = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    BreachedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Deadline = table.Column<long>(type: "INTEGER", nullable: false),
                    WithdrawnAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BreachFacts", x => new { x.WorkItemId, x.Clock });
                });

            migrationBuilder.CreateTable(
                name: "CallbackAttemptsFailed",
                columns: table => new
                {
                    CallbackTaskId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Attempt = table.Column<int>(type: "INTEGER", nullable: false),
                    TicketId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AgentId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    FailedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CallbackAttemptsFailed", x => new { x.CallbackTaskId, x.Attempt });
                });

            migrationBuilder.CreateTable(
                name: "CallbacksDone",
                columns: table => new
                {
                    CallbackTaskId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TicketId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AgentId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    DoneAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CallbacksDone", x => x.CallbackTaskId);
                });

            migrationBuilder.CreateTable(
                name: "DeadLetters",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Subscriber = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    OutboxSequence = table.Column<long>(type: "INTEGER", nullable: false),
                    EventId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Topic = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    CloudEventType = table.Column<string>(type: "TEXT", maxLength: 150, nullable: false),
                    Payload = table.Column<string>(type: "TEXT", nullable: false),
                    OccurredAt = table.Column<long>(type: "INTEGER", nullable: false),
                    TraceParent = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    LastAnswer = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    DeadAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    RequeuedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    RedeliveredAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DeadLetters", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "DeliveryCursors",
                columns: table => new
                {
                    Subscriber = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Position = table.Column<long>(type: "INTEGER", nullable: false),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    LastError = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    LastAttemptAt = table.Column<long>(type: "INTEGER", nullable: true),
                    LastDeliveredAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DeliveryCursors", x => x.Subscriber);
                });

            migrationBuilder.CreateTable(
                name: "HandlingCaseFacts",
                columns: table => new
                {
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TicketId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OfficeCode = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    RequestedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Reopens = table.Column<int>(type: "INTEGER", nullable: false),
                    CompletedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    WorkingMinutes = table.Column<long>(type: "INTEGER", nullable: true),
                    MeasureFailure = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HandlingCaseFacts", x => x.CaseId);
                });

            migrationBuilder.CreateTable(
                name: "Leases",
                columns: table => new
                {
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Holder = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Until = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Leases", x => x.Name);
                });

            migrationBuilder.CreateTable(
                name: "OfficeNames",
                columns: table => new
                {
                    OfficeCode = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OfficeNames", x => x.OfficeCode);
                });

            migrationBuilder.CreateTable(
                name: "OutboxMessages",
                columns: table => new
                {
                    Sequence = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    EventId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Topic = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    CloudEventType = table.Column<string>(type: "TEXT", maxLength: 150, nullable: false),
                    Payload = table.Column<string>(type: "TEXT", nullable: false),
                    OccurredAt = table.Column<long>(type: "INTEGER", nullable: false),
                    TraceParent = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OutboxMessages", x => x.Sequence);
                });

            migrationBuilder.CreateTable(
                name: "ParkedEvents",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    EventId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Handler = table.Column<string>(type: "TEXT", maxLength: 150, nullable: false),
                    Key = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Topic = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    CloudEventType = table.Column<string>(type: "TEXT", maxLength: 150, nullable: false),
                    Payload = table.Column<string>(type: "TEXT", nullable: false),
                    ParkedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ParkedEvents", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ProcessedEvents",
                columns: table => new
                {
                    EventId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Handler = table.Column<string>(type: "TEXT", maxLength: 150, nullable: false),
                    Topic = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    ProcessedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProcessedEvents", x => new { x.EventId, x.Handler });
                });

            migrationBuilder.CreateTable(
                name: "SatisfactionAnswers",
                columns: table => new
                {
                    ResponseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TicketId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Satisfaction = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    AnsweredAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SatisfactionAnswers", x => x.ResponseId);
                });

            migrationBuilder.CreateTable(
                name: "TicketFacts",
                columns: table => new
                {
                    TicketId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ReceivedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ReceivedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    ConcernedStaff = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Category = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    ResolvedAtFirstContactAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ResolvedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    ClosedUnreachableAt = table.Column<long>(type: "INTEGER", nullable: true),
                    EndedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TicketFacts", x => x.TicketId);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AssignmentFacts_AssignedAt",
                table: "AssignmentFacts",
                column: "AssignedAt");

            migrationBuilder.CreateIndex(
                name: "IX_AssignmentFacts_ReturnedAt",
                table: "AssignmentFacts",
                column: "ReturnedAt");

            migrationBuilder.CreateIndex(
                name: "IX_AssignmentFacts_SignedAt",
                table: "AssignmentFacts",
                column: "SignedAt");

            migrationBuilder.CreateIndex(
                name: "IX_AssignmentFacts_TicketId",
                table: "AssignmentFacts",
                column: "TicketId");

            migrationBuilder.CreateIndex(
                name: "IX_BreachFacts_BreachedAt",
                table: "BreachFacts",
                column: "BreachedAt");

            migrationBuilder.CreateIndex(
                name: "IX_CallbackAttemptsFailed_TicketId",
                table: "CallbackAttemptsFailed",
                column: "TicketId");

            migrationBuilder.CreateIndex(
                name: "IX_CallbacksDone_DoneAt",
                table: "CallbacksDone",
                column: "DoneAt");

            migrationBuilder.CreateIndex(
                name: "IX_DeadLetters_Subscriber_Status",
                table: "DeadLetters",
                columns: new[] { "Subscriber", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_HandlingCaseFacts_CompletedAt",
                table: "HandlingCaseFacts",
                column: "CompletedAt");

            migrationBuilder.CreateIndex(
                name: "IX_HandlingCaseFacts_RequestedAt",
                table: "HandlingCaseFacts",
                column: "RequestedAt");

            migrationBuilder.CreateIndex(
                name: "IX_HandlingCaseFacts_TicketId",
                table: "HandlingCaseFacts",
                column: "TicketId");

            migrationBuilder.CreateIndex(
                name: "IX_OutboxMessages_EventId",
                table: "OutboxMessages",
                column: "EventId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_OutboxMessages_OccurredAt",
                table: "OutboxMessages",
                column: "OccurredAt");

            migrationBuilder.CreateIndex(
                name: "IX_ParkedEvents_EventId_Handler",
                table: "ParkedEvents",
                columns: new[] { "EventId", "Handler" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ParkedEvents_Key",
                table: "ParkedEvents",
                column: "Key");

            migrationBuilder.CreateIndex(
                name: "IX_ProcessedEvents_ProcessedAt",
                table: "ProcessedEvents",
                column: "ProcessedAt");

            migrationBuilder.CreateIndex(
                name: "IX_SatisfactionAnswers_AnsweredAt",
                table: "SatisfactionAnswers",
                column: "AnsweredAt");

            migrationBuilder.CreateIndex(
                name: "IX_SatisfactionAnswers_TicketId",
                table: "SatisfactionAnswers",
                column: "TicketId");

            migrationBuilder.CreateIndex(
                name: "IX_TicketFacts_ClosedUnreachableAt",
                table: "TicketFacts",
                column: "ClosedUnreachableAt");

            migrationBuilder.CreateIndex(
                name: "IX_TicketFacts_ReceivedAt",
                table: "TicketFacts",
                column: "ReceivedAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AssignmentFacts");

            migrationBuilder.DropTable(
                name: "BreachFacts");

            migrationBuilder.DropTable(
                name: "CallbackAttemptsFailed");

            migrationBuilder.DropTable(
                name: "CallbacksDone");

            migrationBuilder.DropTable(
                name: "DeadLetters");

            migrationBuilder.DropTable(
                name: "DeliveryCursors");

            migrationBuilder.DropTable(
                name: "HandlingCaseFacts");

            migrationBuilder.DropTable(
                name: "Leases");

            migrationBuilder.DropTable(
                name: "OfficeNames");

            migrationBuilder.DropTable(
                name: "OutboxMessages");

            migrationBuilder.DropTable(
                name: "ParkedEvents");

            migrationBuilder.DropTable(
                name: "ProcessedEvents");

            migrationBuilder.DropTable(
                name: "SatisfactionAnswers");

            migrationBuilder.DropTable(
                name: "TicketFacts");
        }
    }
}
