using DeepSql.Udf.Sql;
using Xunit;

namespace DeepSql.Udf.Tests.Sql;

public sealed class SqlTextTests
{
    [Fact]
    public void Split_cuts_at_top_level_semicolons_only()
    {
        var sql = """
            SELECT 'a;b', "odd;name" FROM t; -- trailing; comment
            /* block; /* nested; */ still; */ SELECT $$dollar;quoted$$, $tag$x;y$tag$;
            SELECT E'it\'s;', 'it''s;' ;;
            SELECT $1; -- only a comment here;
            """;
        var statements = SqlText.Split(sql);
        Assert.Equal(4, statements.Count);
        Assert.Equal("SELECT 'a;b', \"odd;name\" FROM t", statements[0]);
        Assert.EndsWith("SELECT $$dollar;quoted$$, $tag$x;y$tag$", statements[1], StringComparison.Ordinal);
        Assert.Equal("SELECT E'it\\'s;', 'it''s;'", statements[2]);
        Assert.Equal("SELECT $1", statements[3]);
    }

    [Fact]
    public void Split_of_only_comments_and_whitespace_is_empty()
    {
        Assert.Empty(SqlText.Split("  ; -- nothing\n /* here */ ;"));
    }

    [Fact]
    public void Split_keeps_an_unterminated_string_in_the_last_statement()
    {
        Assert.Equal(["SELECT 1", "SELECT 'open; still"], SqlText.Split("SELECT 1; SELECT 'open; still"));
    }

    [Fact]
    public void Split_keeps_quoted_semicolons_and_drops_empty_statements()
    {
        var statements = SqlText.Split("SELECT ';'; ;; SELECT \"a;b\" /* ; /* nested ; */ */; SELECT $t$;$t$; -- end;\n");
        Assert.Equal(["SELECT ';'", "SELECT \"a;b\" /* ; /* nested ; */ */", "SELECT $t$;$t$"], statements);
    }

    [Fact]
    public void Split_keeps_a_leading_comment_with_its_statement()
    {
        var statements = SqlText.Split("SELECT ';'; -- a; comment\nSELECT \"a;b\" FROM t;\n\n;SELECT 3");

        Assert.Equal(["SELECT ';'", "-- a; comment\nSELECT \"a;b\" FROM t", "SELECT 3"], statements);
    }

    [Fact]
    public void Split_does_not_cut_inside_parentheses()
    {
        var statements = SqlText.Split("""
            -- leading comment; not a statement
            SELECT 'a;b' AS x;
            CREATE MODEL m FROM (SELECT 1; ) WITH (seed = 1);
            /* ; */ SELECT "semi;colon" FROM t
            ;;
            """);

        Assert.Equal(
        [
            "-- leading comment; not a statement\nSELECT 'a;b' AS x",
            "CREATE MODEL m FROM (SELECT 1; ) WITH (seed = 1)",
            "/* ; */ SELECT \"semi;colon\" FROM t",
        ], statements);
    }

    [Fact]
    public void Split_treats_a_dollar_inside_a_word_as_part_of_the_name()
    {
        Assert.Equal(["SELECT a$b$ FROM t", "SELECT 2"], SqlText.Split("SELECT a$b$ FROM t; SELECT 2"));
    }

    [Fact]
    public void Count_parameters_is_the_highest_placeholder_outside_literals()
    {
        Assert.Equal(2, SqlText.CountParameters("SELECT $1, '$3', $2"));
        Assert.Equal(0, SqlText.CountParameters("SELECT \"$4\", $$ $5 $$ -- $6\n"));
        Assert.Equal(12, SqlText.CountParameters("SELECT $12::int"));
    }

    [Fact]
    public void Tokenize_gives_the_input_back_and_tells_kinds_apart()
    {
        const string sql = "SELECT E'a\\'b' AS \"x\", 1.5e-3 /* c /* d */ */ FROM t WHERE n::regclass ~* $1; -- end";
        var lexemes = SqlText.Tokenize(sql);

        Assert.Equal(sql, string.Concat(lexemes.Select(l => l.Text)));
        var code = lexemes.Where(l => !l.IsTrivia).ToList();
        Assert.Equal(new SqlLexeme(SqlLexemeKind.String, "E'a\\'b'"), code[1]);
        Assert.True(code[3].IsName("x"));
        Assert.Equal(new SqlLexeme(SqlLexemeKind.Number, "1.5e-3"), code[5]);
        Assert.Contains(new SqlLexeme(SqlLexemeKind.Comment, "/* c /* d */ */"), lexemes);
        Assert.Contains(new SqlLexeme(SqlLexemeKind.Operator, "::"), code);
        Assert.Contains(new SqlLexeme(SqlLexemeKind.Operator, "~*"), code);
        Assert.Equal(SqlLexemeKind.Comment, lexemes[^1].Kind);
    }

    [Fact]
    public void Tokenize_runs_an_unterminated_comment_to_the_end()
    {
        var lexemes = SqlText.Tokenize("SELECT 1 /* open /* nested */");
        Assert.Equal(new SqlLexeme(SqlLexemeKind.Comment, "/* open /* nested */"), lexemes[^1]);
    }

    [Fact]
    public void Leading_words_skip_comments_and_parentheses()
    {
        Assert.Equal(["SELECT", "A"], SqlText.LeadingWords("/* c */ ((select a, b", 5));
        Assert.Equal(["CREATE"], SqlText.LeadingWords("-- x\ncreate table t", 1));
    }

    [Fact]
    public void Literal_doubles_quotes()
    {
        Assert.Equal("'it''s'", SqlText.Literal("it's"));
    }
}
