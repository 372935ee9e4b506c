using Microsoft.EntityFrameworkCore;
using Ticketing.BuildingBlocks.Errors;
using Ticketing.Contracts;
using Ticketing.Intake.Data;
using Ticketing.Intake.Tickets;

namespace Ticketing.UnitTests.Intake;

/// <summary>The search over intake's real SQLite schema (its migrations, the FTS5 trigram index and its triggers).</summary>
public sealed class TicketSearchTests : IDisposable
{
    private readonly TestDatabase<IntakeSqliteDbContext> _database = new();

    public TicketSearchTests()
    {
        using var db = _database.NewContext();
        var calls = new (string Title, string Content, string Name, string Phone, Category Category, int Day)[]
        {
            ("路灯不亮", "东华路12号门前路灯坏了三天", "张三", "13800138000", Category.Complaint, 1),
            ("小区停水", "幸福小区3栋从早上开始停水", "张三丰", "13900139000", Category.HelpRequest, 2),
            ("噪音扰民", "夜间施工噪音很大，影响休息", "李四", "010-12345678", Category.Complaint, 3),
            ("咨询社保", "外地社保如何转入本市 (Social Security transfer)", "王五", "13700137000", Category.Consultation, 4),
        };
        var number = 0;
        foreach (var call in calls)
        {
            var ticket = Ticket.Register(new RegisterTicket(Channel.Phone, call.Category, Urgency.Normal, call.Title, call.Content, call.Name,
                call.Phone, "DC"), $"GD2026112{call.Day}-{++number:D6}", "agent1", _database.Clock.GetUtcNow().AddDays(call.Day));
            db.Tickets.Add(ticket);
        }
        db.SaveChanges();
    }

    private async Task<List<string>> Titles(TicketSearch search)
    {
        await using var db = _database.NewContext();
        return (await search.RunAsync(db, CancellationToken.None)).Items.Select(t => t.Title).ToList();
    }

    private static TicketSearch By(string? text = null, string? name = null, string? phone = null, string? number = null, Category? category = null,
        DateTimeOffset? from = null, DateTimeOffset? to = null, string? sort = null) =>
        new(number, phone, name, text, null, category, null, from, to, sort, null, null);

    [Fact]
    public async Task Text_is_found_anywhere_in_titles_and_contents_through_the_trigram_index_and_shorter_text_too()
    {
        Assert.Equal(["路灯不亮"], await Titles(By(text: "路灯坏")));     // three characters: the FTS5 index
        Assert.Equal(["路灯不亮"], await Titles(By(text: "路灯坏", category: Category.Complaint))); // and with other filters
        Assert.Empty(await Titles(By(text: "路灯坏", category: Category.Consultation)));
        Assert.Equal(["小区停水"], await Titles(By(text: "停水")));       // two: compared row by row
        Assert.Equal(["噪音扰民"], await Titles(By(text: "施工噪音很大")));
        Assert.Equal(["咨询社保"], await Titles(By(text: "security TRANSFER"))); // case-insensitive for letters
        Assert.Empty(await Titles(By(text: "路灯不亮 停水")));                     // one phrase, not words
        Assert.Empty(await Titles(By(text: "\"路灯\" OR 停水")));                 // FTS5's syntax is text here, not a query
    }

    [Fact]
    public async Task Name_phone_number_category_and_dates_narrow_the_search_and_sorts_order_it()
    {
        Assert.Equal(["小区停水", "路灯不亮"], await Titles(By(name: "张三")));  // the name's start
        Assert.Equal(["小区停水"], await Titles(By(name: "张三丰")));
        Assert.Equal(["噪音扰民"], await Titles(By(phone: "(010) 1234 5678")));
        Assert.Equal(["咨询社保"], await Titles(By(number: "gd20261124-000004")));
        Assert.Equal(["噪音扰民", "路灯不亮"], await Titles(By(category: Category.Complaint)));
        var start = _database.Clock.GetUtcNow();
        Assert.Equal(["噪音扰民", "小区停水"], await Titles(By(from: start.AddDays(2), to: start.AddDays(3))));
        Assert.Equal(["路灯不亮", "小区停水", "噪音扰民", "咨询社保"], await Titles(By(sort: "receivedAt")));
        Assert.Equal(["路灯不亮", "小区停水", "噪音扰民", "咨询社保"], await Titles(By(sort: "number")));
        Assert.Equal(["咨询社保", "噪音扰民", "小区停水", "路灯不亮"], await Titles(By())); // newest first by default
    }

    [Fact]
    public async Task A_bad_sort_an_upside_down_range_or_an_overlong_text_is_a_400_naming_the_parameter()
    {
        foreach (var (search, parameter) in new[]
                 {
                     (By(sort: "title"), "sort"), (By(from: DateTimeOffset.UtcNow, to: DateTimeOffset.UtcNow.AddDays(-1)), "from"),
                     (By(text: new string('字', 201)), "text"), (By(text: "a\u0000b"), "text"), (By(name: "张\u0007"), "name"),
                 })
        {
            var refused = await Assert.ThrowsAsync<DomainRuleException>(() => Titles(search));
            Assert.Equal((400, parameter), (refused.StatusCode, refused.Extensions["parameter"]));
        }
    }

    [Theory]
    [InlineData("\"")]
    [InlineData("路灯\"不亮")]
    [InlineData("NEAR(路灯 不亮)")]
    [InlineData("路灯*")]
    [InlineData("-路灯 AND 停水")]
    [InlineData("😀😀😀")]
    [InlineData("𠀀")]
    [InlineData("%_[]")]
    [InlineData("'; DROP TABLE Tickets; --")]
    public async Task Text_that_looks_like_query_syntax_or_is_odd_is_searched_as_it_is(string text)
    {
        Assert.Empty(await Titles(By(text: text)));
        Assert.Equal(4, (await Titles(By())).Count); // and the tickets are all still there
    }

    [Fact]
    public async Task The_text_index_follows_every_ticket_as_it_is_saved()
    {
        await using var db = _database.NewContext();
        var indexed = await db.Database.SqlQueryRaw<int>("SELECT count(*) AS Value FROM TicketText WHERE TicketText MATCH '\"东华路\"'").SingleAsync();
        Assert.Equal(1, indexed);
        var triggers = await db.Database.SqlQueryRaw<string>("SELECT name AS Value FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'Tickets'")
            .ToListAsync();
        Assert.Equal(["TicketText_AfterDelete", "TicketText_AfterInsert", "TicketText_AfterUpdate"], triggers.Order());
    }

    public void Dispose() => _database.Dispose();
}
