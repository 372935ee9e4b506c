using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Ticketing.BuildingBlocks.Errors;
using Ticketing.BuildingBlocks.Hosting;
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
        DateTimeOffset? from = null, DateTimeOffset? to = null, string? sort = null, string? office = null, bool? overdue = null,
        int? page = null, int? pageSize = null) =>
        new(number, phone, name, text, null, category, null, office, overdue, from, to, sort, page, pageSize);

    [Fact]
    public async Task Text_is_found_anywhere_in_titles_and_contents_through_the_trigram_index_and_shorter_text_too()
    {
        Assert.Equal(["路灯不亮"], await Titles(By(text: "路灯坏")));     // three characters: the FTS5 index
        Assert.Equal(["路灯不亮"], await Titles(By(text: "路灯坏", category: Category.Complaint))); // and with other filters
        Assert.Empty(await Titles(By(text: "路灯坏", category: Category.Consultation)));
        Assert.Equal(["小区停水"], await Titles(By(text: "停水")));       // two: the bigram index
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
                     (By(text: "灯"), "text"), (By(text: " 𠀀 "), "text"), (By(office: "SFS DC"), "office"), (By(office: "SFS-DC-"), "office"),
                     (By(office: new string('A', 41)), "office"),
                 })
        {
            var refused = await Assert.ThrowsAsync<DomainRuleException>(() => Titles(search));
            Assert.Equal((400, parameter), (refused.StatusCode, refused.Extensions["parameter"]));
        }
    }

    [Theory]
    [InlineData("\"\"")]
    [InlineData("路灯\"不亮")]
    [InlineData("NEAR(路灯 不亮)")]
    [InlineData("路灯*")]
    [InlineData("-路灯 AND 停水")]
    [InlineData("😀😀😀")]
    [InlineData("𠀀𠀀")]
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
        Assert.Equal(["TicketBigrams_AfterDelete", "TicketBigrams_AfterInsert", "TicketBigrams_AfterUpdate",
            "TicketText_AfterDelete", "TicketText_AfterInsert", "TicketText_AfterUpdate"], triggers.Order());
        var paired = await db.Database.SqlQueryRaw<int>("SELECT count(*) AS Value FROM TicketBigrams WHERE TicketBigrams MATCH '\"路灯\"'").SingleAsync();
        Assert.Equal(1, paired);
    }

    [Fact]
    public async Task Two_characters_are_found_anywhere_through_the_bigram_index_as_written_and_in_any_case_for_letters()
    {
        Assert.Equal(["路灯不亮"], await Titles(By(text: "路灯")));
        Assert.Equal(["路灯不亮"], await Titles(By(text: "灯坏")));     // in the content
        Assert.Equal(["小区停水"], await Titles(By(text: "3栋")));      // digits and punctuation pair like any character
        Assert.Equal(["噪音扰民"], await Titles(By(text: "，影")));
        Assert.Equal(["咨询社保"], await Titles(By(text: "(s")));
        Assert.Equal(["咨询社保"], await Titles(By(text: "SE")));
        Assert.Empty(await Titles(By(text: "灯路")));                   // the characters in that order only
        Assert.Empty(await Titles(By(text: "亮东")));                   // not across the end of the title and the start of the content
        Assert.Empty(await Titles(By(text: "市(")));                    // "本市 (Social": a space between them
        Assert.Empty(await Titles(By(text: "张三")));                   // the caller's name is not the ticket's text

        await using (var db = _database.NewContext())
        {
            db.Tickets.Add(Ticket.Register(new RegisterTicket(Channel.Web, Category.Suggestion, Urgency.Normal, "生僻字地名", "𠀀𠀁村道路破损",
                "赵六", "13600136000", "DC"), "GD20261130-000009", "agent1", _database.Clock.GetUtcNow()));
            await db.SaveChangesAsync();
        }
        Assert.Equal(["生僻字地名"], await Titles(By(text: "𠀀𠀁")));  // characters beyond the BMP are one character each
        Assert.Equal(["生僻字地名"], await Titles(By(text: "𠀁村")));
        Assert.Empty(await Titles(By(text: "𠀁𠀀")));
    }

    [Fact]
    public void Bigrams_are_the_pairs_of_neighbouring_characters_lower_cased_without_spaces_or_control_characters()
    {
        Assert.Equal("路灯 灯不 不亮", TextBigrams.Of("路灯不亮"));
        Assert.Equal("ab bc", TextBigrams.Of("ABC"));
        Assert.Equal("东华 华路 12 2号", TextBigrams.Of("东华路 12号"));
        Assert.Equal("门前", TextBigrams.Of("门前\n\t"));
        Assert.Equal("𠀀𠀁 𠀁村", TextBigrams.Of("𠀀𠀁村"));
        Assert.Equal("\"q q' 'x", TextBigrams.Of("\"q'x"));
        Assert.Equal("", TextBigrams.Of("路"));
        Assert.Equal("", TextBigrams.Of(null));
    }

    [Fact]
    public async Task An_office_finds_its_own_tickets_and_its_sub_offices_and_overdue_finds_those_past_a_deadline_now()
    {
        await using (var db = _database.NewContext())
        {
            var tickets = await db.Tickets.Include(t => t.OfficeWork).OrderBy(t => t.Number).ToListAsync();
            tickets[0].AssignTo("SFS-DC", Guid.NewGuid(), _database.Clock.GetUtcNow());     // 路灯不亮
            tickets[1].AssignTo("SFS-DC-DH", Guid.NewGuid(), _database.Clock.GetUtcNow());  // 小区停水
            tickets[2].AssignTo("SFS-DC2", Guid.NewGuid(), _database.Clock.GetUtcNow());    // 噪音扰民: starts alike, another office
            tickets[1].RecordBreach(Guid.NewGuid());
            var closedLate = Guid.NewGuid();
            tickets[2].RecordBreach(closedLate);
            tickets[2].RecordOfficeWorkClosed(closedLate);
            await db.SaveChangesAsync();
        }
        Assert.Equal(["小区停水", "路灯不亮"], await Titles(By(office: "SFS-DC")));
        Assert.Equal(["小区停水", "路灯不亮"], await Titles(By(office: " sfs-dc ")));
        Assert.Equal(["小区停水"], await Titles(By(office: "SFS-DC-DH")));
        Assert.Equal(["噪音扰民"], await Titles(By(office: "SFS-DC2")));
        Assert.Empty(await Titles(By(office: "SFS-D")));                       // SFS-DC's code starts with it, but not as a sub-office's
        Assert.Equal(["小区停水"], await Titles(By(overdue: true)));
        Assert.Equal(["咨询社保", "噪音扰民", "路灯不亮"], await Titles(By(overdue: false)));
        Assert.Equal(["路灯不亮"], await Titles(By(office: "SFS-DC", overdue: false, text: "路灯")));

        await using var read = _database.NewContext();
        var found = (await By(office: "SFS-DC-DH").RunAsync(read, default)).Items.Single();
        Assert.Equal(("SFS-DC-DH", true), (found.OfficeCode, found.Overdue));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("receivedAt")]
    [InlineData("number")]
    public async Task Walking_the_sort_order_and_sorting_the_matches_give_the_same_pages(string? sort)
    {
        var searches = new[] { By(sort: sort), By(sort: sort, text: "停水"), By(sort: sort, text: "路灯坏"), By(sort: sort, name: "张三"),
            By(sort: sort, category: Category.Complaint), By(sort: sort, overdue: false), By(sort: sort, text: "施工", name: "李") };
        // One page of 200 is read and sorted (a handful of tickets is few for so large a page); pages of one walk the order's index.
        Assert.False(TicketSearch.WalkTheOrder(4, PageRequest.From(1, 200), 4));
        Assert.True(TicketSearch.WalkTheOrder(1, PageRequest.From(1, 1), 4) && TicketSearch.WalkTheOrder(4, PageRequest.From(4, 1), 4));
        foreach (var search in searches)
        {
            var sorted = await Titles(search with { PageSize = 200 });
            var walked = new List<string>();
            for (var page = 1; page <= sorted.Count + 1; page++) walked.AddRange(await Titles(search with { Page = page, PageSize = 1 }));
            Assert.Equal(sorted, walked);
        }
    }

    [Fact]
    public async Task Text_matching_thousands_with_another_filter_is_checked_on_the_rows_that_filter_finds_with_the_same_answer()
    {
        await using (var db = _database.NewContext())
            await db.Database.ExecuteSqlRawAsync("""
                WITH RECURSIVE n(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM n WHERE k < 6000)
                INSERT INTO Tickets (Id, Number, Channel, Category, Urgency, Title, Content, CallerName, CallerPhone, RegionCode, ReceivedAt,
                                     ReceivedBy, Status, StatusSequence, Version, Overdue)
                SELECT lower(hex(randomblob(16))), printf('GD20261201-%06d', k), s.Channel, CASE WHEN k % 3 = 0 THEN 'Praise' ELSE s.Category END,
                       s.Urgency, '路灯又坏 ' || k, s.Content, s.CallerName, s.CallerPhone, s.RegionCode, s.ReceivedAt + k * 10000000, s.ReceivedBy,
                       s.Status, 0, 0, 0
                FROM n, Tickets s WHERE s.Title = '路灯不亮';
                """);
        foreach (var text in new[] { "路灯", "路灯又" }) // the bigram and the trigram index
        {
            await using var db = _database.NewContext();
            var found = await By(text: text, category: Category.Praise, pageSize: 3).RunAsync(db, default);
            Assert.Equal(2000, found.Total);
            Assert.Equal(["路灯又坏 6000", "路灯又坏 5997", "路灯又坏 5994"], found.Items.Select(t => t.Title));
        }
    }

    [Fact]
    public async Task Undoing_the_migration_leaves_the_trigram_index_and_its_triggers_whole_and_redoing_it_indexes_pairs_again()
    {
        await using var db = _database.NewContext();
        db.GetService<IMigrator>().Migrate("SubCategoryAndAnonymousCallers");
        var triggers = await db.Database.SqlQueryRaw<string>("SELECT name AS Value FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'Tickets'")
            .ToListAsync();
        Assert.Equal(["TicketText_AfterDelete", "TicketText_AfterInsert", "TicketText_AfterUpdate"], triggers.Order());
        var found = await db.Database.SqlQueryRaw<string>(
            "SELECT Title AS Value FROM Tickets WHERE rowid IN (SELECT rowid FROM TicketText WHERE TicketText MATCH '\"施工噪音\"')").ToListAsync();
        Assert.Equal(["噪音扰民"], found);

        await db.Database.MigrateAsync(); // and forward again, the bigram index back-filled
        Assert.Equal(["噪音扰民"], await Titles(By(text: "扰民")));
    }

    [Fact]
    public void The_order_is_walked_when_matches_are_many_for_the_page_asked_and_sorted_when_they_are_few()
    {
        Assert.True(TicketSearch.WalkTheOrder(62_500, PageRequest.From(1, 20), 1_000_000));    // a common street name
        Assert.True(TicketSearch.WalkTheOrder(2_000, PageRequest.From(1, 20), 1_000_000));
        Assert.False(TicketSearch.WalkTheOrder(1_000, PageRequest.From(1, 20), 1_000_000));
        Assert.False(TicketSearch.WalkTheOrder(2_000, PageRequest.From(100, 20), 1_000_000)); // deep pages walk far
        Assert.False(TicketSearch.WalkTheOrder(1, PageRequest.From(1, 20), 1_000_000));
    }

    [Fact]
    public async Task Tickets_saved_before_the_bigram_index_existed_are_indexed_by_its_migration()
    {
        using var database = new TestDatabase<IntakeSqliteDbContext>(migrateTo: "SubCategoryAndAnonymousCallers");
        await using (var db = database.NewContext())
            await db.Database.ExecuteSqlRawAsync("""
                INSERT INTO Tickets (Id, Number, Channel, Category, Urgency, Title, Content, CallerName, CallerPhone, RegionCode, ReceivedAt,
                                     ReceivedBy, Status, StatusSequence, Version)
                VALUES ('0d7c1f3e-0000-4000-8000-000000000001', 'GD20261101-000001', 'Phone', 'HelpRequest', 'Normal', '路灯不亮', '东华路路灯坏了',
                        '张三', '13800138000', 'DC', 0, 'agent1', 'Received', 0, 0);
                """);
        await using (var db = database.NewContext()) await db.Database.MigrateAsync();

        await using var search = database.NewContext();
        Assert.Equal(["路灯不亮"], (await By(text: "灯坏").RunAsync(search, default)).Items.Select(t => t.Title));
        Assert.Equal(["路灯不亮"], (await By(overdue: false).RunAsync(search, default)).Items.Select(t => t.Title));
    }

    public void Dispose() => _database.Dispose();
}
