using System.Globalization;
using System.Text;

namespace DeepSql.Server.Sql;

/// <summary>
/// A PostgreSQL-flavoured tokenizer: words, "quoted identifiers", 'strings' ('' escapes, E'' backslash escapes),
/// $tag$dollar strings$tag$, numbers, symbols; skips whitespace, -- line comments and nested /* block comments */.
/// It never throws: unreadable text becomes an <see cref="SqlTokenKind.Error"/> token, then <see cref="SqlTokenKind.End"/>.
/// </summary>
public sealed class SqlTokenizer
{
    private readonly string _text;
    private int _pos;
    private bool _failed;

    public SqlTokenizer(string text)
    {
        _text = text;
    }

    /// <summary>All tokens of <paramref name="text"/>, ending with one <see cref="SqlTokenKind.End"/> token.</summary>
    public static IReadOnlyList<SqlToken> Tokenize(string text)
    {
        var tokenizer = new SqlTokenizer(text);
        var tokens = new List<SqlToken>();
        SqlToken token;
        do
        {
            token = tokenizer.Next();
            tokens.Add(token);
        }
        while (token.Kind != SqlTokenKind.End);

        return tokens;
    }

    /// <summary>The next token.</summary>
    public SqlToken Next()
    {
        if (_failed)
        {
            return new SqlToken(SqlTokenKind.End, "", _text.Length, 0);
        }

        var skip = SkipTrivia();
        if (skip is not null)
        {
            _failed = true;
            return skip.Value;
        }

        if (_pos >= _text.Length)
        {
            return new SqlToken(SqlTokenKind.End, "", _text.Length, 0);
        }

        var start = _pos;
        var c = _text[_pos];
        if ((c == 'e' || c == 'E') && Peek(1) == '\'')
        {
            _pos++;
            return ReadString(start, backslashEscapes: true);
        }

        if (IsIdentStart(c))
        {
            while (_pos < _text.Length && IsIdentPart(_text[_pos]))
            {
                _pos++;
            }

            return new SqlToken(SqlTokenKind.Identifier, _text[start.._pos].ToLowerInvariant(), start, _pos - start);
        }

        if (char.IsAsciiDigit(c) || (c == '.' && char.IsAsciiDigit(Peek(1))))
        {
            return ReadNumber(start);
        }

        switch (c)
        {
            case '\'':
                return ReadString(start, backslashEscapes: false);
            case '"':
                return ReadQuotedIdentifier(start);
            case '$':
                var dollar = TryReadDollarString(start);
                if (dollar is not null)
                {
                    return dollar.Value;
                }

                break;
        }

        _pos++;
        return new SqlToken(SqlTokenKind.Symbol, c.ToString(), start, 1);
    }

    private char Peek(int ahead) => _pos + ahead < _text.Length ? _text[_pos + ahead] : '\0';

    private static bool IsIdentStart(char c) => char.IsLetter(c) || c == '_';

    private static bool IsIdentPart(char c) => char.IsLetterOrDigit(c) || c == '_' || c == '$';

    private SqlToken? SkipTrivia()
    {
        while (_pos < _text.Length)
        {
            var c = _text[_pos];
            if (char.IsWhiteSpace(c))
            {
                _pos++;
            }
            else if (c == '-' && Peek(1) == '-')
            {
                while (_pos < _text.Length && _text[_pos] != '\n')
                {
                    _pos++;
                }
            }
            else if (c == '/' && Peek(1) == '*')
            {
                // Block comments nest in PostgreSQL.
                var start = _pos;
                var depth = 0;
                do
                {
                    if (_pos + 1 < _text.Length && _text[_pos] == '/' && _text[_pos + 1] == '*')
                    {
                        depth++;
                        _pos += 2;
                    }
                    else if (_pos + 1 < _text.Length && _text[_pos] == '*' && _text[_pos + 1] == '/')
                    {
                        depth--;
                        _pos += 2;
                    }
                    else
                    {
                        _pos++;
                    }
                }
                while (depth > 0 && _pos < _text.Length);

                if (depth > 0)
                {
                    return new SqlToken(SqlTokenKind.Error, "unterminated /* comment", start, _text.Length - start);
                }
            }
            else
            {
                break;
            }
        }

        return null;
    }

    private SqlToken ReadNumber(int start)
    {
        while (_pos < _text.Length && char.IsAsciiDigit(_text[_pos]))
        {
            _pos++;
        }

        if (_pos < _text.Length && _text[_pos] == '.')
        {
            _pos++;
            while (_pos < _text.Length && char.IsAsciiDigit(_text[_pos]))
            {
                _pos++;
            }
        }

        if (_pos < _text.Length && (_text[_pos] == 'e' || _text[_pos] == 'E'))
        {
            var save = _pos;
            _pos++;
            if (_pos < _text.Length && (_text[_pos] == '+' || _text[_pos] == '-'))
            {
                _pos++;
            }

            if (_pos < _text.Length && char.IsAsciiDigit(_text[_pos]))
            {
                while (_pos < _text.Length && char.IsAsciiDigit(_text[_pos]))
                {
                    _pos++;
                }
            }
            else
            {
                _pos = save;
            }
        }

        return new SqlToken(SqlTokenKind.Number, _text[start.._pos], start, _pos - start);
    }

    private SqlToken ReadString(int start, bool backslashEscapes)
    {
        _pos++; // opening quote
        var value = new StringBuilder();
        while (_pos < _text.Length)
        {
            var c = _text[_pos];
            if (c == '\'')
            {
                if (Peek(1) == '\'')
                {
                    value.Append('\'');
                    _pos += 2;
                    continue;
                }

                _pos++;
                return new SqlToken(SqlTokenKind.String, value.ToString(), start, _pos - start);
            }

            if (backslashEscapes && c == '\\' && _pos + 1 < _text.Length)
            {
                var e = _text[_pos + 1];
                value.Append(e switch { 'n' => '\n', 't' => '\t', 'r' => '\r', _ => e });
                _pos += 2;
                continue;
            }

            value.Append(c);
            _pos++;
        }

        _failed = true;
        return new SqlToken(SqlTokenKind.Error, "unterminated quoted string", start, _text.Length - start);
    }

    private SqlToken ReadQuotedIdentifier(int start)
    {
        _pos++;
        var value = new StringBuilder();
        while (_pos < _text.Length)
        {
            var c = _text[_pos];
            if (c == '"')
            {
                if (Peek(1) == '"')
                {
                    value.Append('"');
                    _pos += 2;
                    continue;
                }

                _pos++;
                return value.Length == 0
                    ? Fail(start, "zero-length delimited identifier")
                    : new SqlToken(SqlTokenKind.QuotedIdentifier, value.ToString(), start, _pos - start);
            }

            value.Append(c);
            _pos++;
        }

        return Fail(start, "unterminated quoted identifier");
    }

    private SqlToken? TryReadDollarString(int start)
    {
        // $tag$ … $tag$ where tag is empty or an identifier without '$'.
        var p = _pos + 1;
        while (p < _text.Length && _text[p] != '$')
        {
            if (!(char.IsLetterOrDigit(_text[p]) || _text[p] == '_') || (p == _pos + 1 && char.IsAsciiDigit(_text[p])))
            {
                return null;
            }

            p++;
        }

        if (p >= _text.Length)
        {
            return null;
        }

        var tag = _text[_pos..(p + 1)];
        var bodyStart = p + 1;
        var close = _text.IndexOf(tag, bodyStart, StringComparison.Ordinal);
        if (close < 0)
        {
            return Fail(start, "unterminated dollar-quoted string");
        }

        _pos = close + tag.Length;
        return new SqlToken(SqlTokenKind.String, _text[bodyStart..close], start, _pos - start);
    }

    private SqlToken Fail(int start, string why)
    {
        _failed = true;
        _pos = _text.Length;
        return new SqlToken(SqlTokenKind.Error, why, start, _text.Length - start);
    }

    /// <summary>Parses a number token's text with the invariant culture.</summary>
    public static bool TryParseNumber(string text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
}
