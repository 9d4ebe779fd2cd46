namespace DeepSql.Udf.Sql;

/// <summary>Kinds of lexemes <see cref="SqlText.Tokenize"/> tells apart.</summary>
public enum SqlLexemeKind
{
    /// <summary>A run of whitespace.</summary>
    Space,

    /// <summary>A -- line comment (without its newline) or a /* nested block comment */.</summary>
    Comment,

    /// <summary>A bare word: keyword or identifier (letters, digits, _ and $).</summary>
    Word,

    /// <summary>A "quoted identifier", quotes included.</summary>
    QuotedIdentifier,

    /// <summary>A 'string', E'string' or $tag$dollar string$tag$, quotes included.</summary>
    String,

    /// <summary>A numeric literal.</summary>
    Number,

    /// <summary>An operator such as <c>::</c>, <c>~*</c> or <c>&lt;=</c>.</summary>
    Operator,

    /// <summary>Any other single character: <c>( ) , ; . $</c> ….</summary>
    Punctuation,
}

/// <summary>One lexeme: its kind and exact source text (concatenating all lexemes gives the input back).</summary>
/// <param name="Kind">What the text is.</param>
/// <param name="Text">The source text, unchanged.</param>
public readonly record struct SqlLexeme(SqlLexemeKind Kind, string Text)
{
    /// <summary>A bare word equal to <paramref name="word"/> ignoring case.</summary>
    public bool IsWord(string word) => Kind == SqlLexemeKind.Word && Text.Equals(word, StringComparison.OrdinalIgnoreCase);

    /// <summary>Whitespace or a comment.</summary>
    public bool IsTrivia => Kind is SqlLexemeKind.Space or SqlLexemeKind.Comment;

    /// <summary>An identifier, bare or quoted, compared as PostgreSQL folds it.</summary>
    public bool IsName(string name) =>
        IsWord(name) || (Kind == SqlLexemeKind.QuotedIdentifier && Text == "\"" + name + "\"");

    /// <summary>Punctuation equal to <paramref name="c"/>.</summary>
    public bool IsPunctuation(char c) => Kind == SqlLexemeKind.Punctuation && Text.Length == 1 && Text[0] == c;
}
