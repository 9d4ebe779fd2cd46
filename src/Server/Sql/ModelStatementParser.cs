using System.Globalization;
using DeepSql.Udf.Engines;

namespace DeepSql.Server.Sql;

/// <summary>
/// Recursive-descent parser for the model statements. <see cref="TryParse"/> returns false for any other statement
/// (it then goes to the engine untouched) and throws 42601 with a position for a syntax error inside the grammar.
/// </summary>
public sealed class ModelStatementParser
{
    /// <summary>Key in <see cref="Exception.Data"/> holding the 1-based character position of a syntax error (int).</summary>
    public const string PositionKey = "Position";

    private readonly string _text;
    private readonly IReadOnlyList<SqlToken> _tokens;
    private int _next;

    private ModelStatementParser(string text)
    {
        _text = text;
        _tokens = SqlTokenizer.Tokenize(text);
    }

    /// <summary>
    /// Parses <paramref name="sql"/>. False (statement null) when it does not start like one of ours.
    /// </summary>
    /// <exception cref="EngineException">42601 for a syntax error once the statement is known to be ours.</exception>
    public static bool TryParse(string sql, out ModelStatement? statement)
    {
        var parser = new ModelStatementParser(sql);
        statement = parser.ParseStatement();
        return statement is not null;
    }

    private SqlToken Current => _tokens[_next];

    private SqlToken PeekAt(int ahead) => _tokens[Math.Min(_next + ahead, _tokens.Count - 1)];

    private ModelStatement? ParseStatement()
    {
        var first = Current;
        if (first.IsKeyword("create"))
        {
            var isOurs = PeekAt(1).IsKeyword("model")
                || (PeekAt(1).IsKeyword("or") && PeekAt(2).IsKeyword("replace") && PeekAt(3).IsKeyword("model"));
            return isOurs ? ParseCreate() : null;
        }

        if (first.IsKeyword("drop") && PeekAt(1).IsKeyword("model"))
        {
            return ParseDrop();
        }

        if (first.IsKeyword("show") && PeekAt(1).IsKeyword("models"))
        {
            _next += 2;
            ExpectEnd();
            return new ShowModelsStatement();
        }

        return null;
    }

    private CreateModelStatement ParseCreate()
    {
        Expect("create");
        var replace = false;
        if (Accept("or"))
        {
            Expect("replace");
            replace = true;
        }

        Expect("model");
        var name = ExpectName("model name");
        Expect("from");
        var query = ParseParenthesizedText();

        string? backbone = null;
        if (Accept("using"))
        {
            backbone = ExpectName("backbone model name");
        }

        var options = new List<ModelOption>();
        if (Accept("with"))
        {
            ExpectSymbol('(');
            do
            {
                var keyToken = Current;
                var key = ExpectName("option name");
                if (options.Any(o => o.Key == key))
                {
                    throw SyntaxError(keyToken, $"option \"{key}\" specified more than once");
                }

                ExpectSymbol('=');
                options.Add(new ModelOption(key, ParseLiteral(), keyToken.Start + 1));
            }
            while (AcceptSymbol(','));

            ExpectSymbol(')');
        }

        ExpectEnd();
        return new CreateModelStatement(name, replace, query, backbone, options);
    }

    private DropModelStatement ParseDrop()
    {
        Expect("drop");
        Expect("model");
        var ifExists = false;
        if (Accept("if"))
        {
            Expect("exists");
            ifExists = true;
        }

        var name = ExpectName("model name");
        ExpectEnd();
        return new DropModelStatement(name, ifExists);
    }

    /// <summary>( … ) with balanced parentheses; strings and comments are single tokens, so their parens don't count.</summary>
    private string ParseParenthesizedText()
    {
        var open = Current;
        ExpectSymbol('(');
        var depth = 1;
        while (true)
        {
            var token = Current;
            switch (token.Kind)
            {
                case SqlTokenKind.End:
                    throw SyntaxError(token, "unterminated parenthesis in FROM ( query )");
                case SqlTokenKind.Error:
                    throw SyntaxError(token, token.Value);
            }

            _next++;
            if (token.IsSymbol('('))
            {
                depth++;
            }
            else if (token.IsSymbol(')') && --depth == 0)
            {
                var query = _text[open.End..token.Start].Trim();
                if (query.Length == 0)
                {
                    throw SyntaxError(token, "FROM ( ) needs a query");
                }

                return query;
            }
        }
    }

    private object ParseLiteral()
    {
        var token = Current;
        var sign = 1.0;
        if (token.IsSymbol('-') || token.IsSymbol('+'))
        {
            sign = token.IsSymbol('-') ? -1 : 1;
            _next++;
            token = Current;
            if (token.Kind != SqlTokenKind.Number)
            {
                throw SyntaxError(token, "expected a number");
            }
        }

        switch (token.Kind)
        {
            case SqlTokenKind.Number when SqlTokenizer.TryParseNumber(token.Value, out var number):
                _next++;
                return sign * number;
            case SqlTokenKind.String:
                _next++;
                return token.Value;
            case SqlTokenKind.Identifier when token.Value is "true" or "false":
                _next++;
                return token.Value == "true";
            case SqlTokenKind.Identifier or SqlTokenKind.QuotedIdentifier:
                _next++;
                return token.Value;
            default:
                throw SyntaxError(token, "expected a literal value");
        }
    }

    private bool Accept(string keyword)
    {
        if (!Current.IsKeyword(keyword))
        {
            return false;
        }

        _next++;
        return true;
    }

    private void Expect(string keyword)
    {
        if (!Accept(keyword))
        {
            throw SyntaxError(Current, $"expected {keyword.ToUpperInvariant()}");
        }
    }

    private bool AcceptSymbol(char symbol)
    {
        if (!Current.IsSymbol(symbol))
        {
            return false;
        }

        _next++;
        return true;
    }

    private void ExpectSymbol(char symbol)
    {
        if (!AcceptSymbol(symbol))
        {
            throw SyntaxError(Current, $"expected \"{symbol}\"");
        }
    }

    private string ExpectName(string what)
    {
        var token = Current;
        var reserved = token.Kind == SqlTokenKind.Identifier && token.Value is "from" or "using" or "with";
        if (token.Kind == SqlTokenKind.QuotedIdentifier || (token.Kind == SqlTokenKind.Identifier && !reserved))
        {
            _next++;
            return token.Value;
        }

        throw SyntaxError(token, $"expected {what}");
    }

    private void ExpectEnd()
    {
        AcceptSymbol(';');
        if (Current.Kind != SqlTokenKind.End)
        {
            throw SyntaxError(Current, "unexpected text after the statement");
        }
    }

    private EngineException SyntaxError(SqlToken at, string detail)
    {
        var position = Math.Min(at.Start, _text.Length) + 1;
        var near = at.Kind switch
        {
            SqlTokenKind.End => "at end of input",
            SqlTokenKind.Error => $"at or near position {position}",
            _ => $"at or near \"{_text.Substring(at.Start, at.Length)}\"",
        };
        var error = new EngineException(SqlStates.SyntaxError,
            string.Create(CultureInfo.InvariantCulture, $"syntax error {near}: {detail} (position {position})"));
        error.Data[ModelStatementParser.PositionKey] = position;
        return error;
    }
}
