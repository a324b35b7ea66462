# fish completion for pairinfo(1). Intervention codes and names, categories, tiers and
# significance levels come from `pairinfo __complete KIND`, so they follow the data in
# effect, including any --data FILE, --no-bundled and --no-user-data already on the command line.

# Prints the candidates of one kind, asking the same pairinfo with the same data options.
function __pairinfo_candidates --argument-names kind
    set -l tokens (commandline -opc)
    set -l data_args
    set -l i 2
    while test $i -le (count $tokens)
        switch $tokens[$i]
            case --data
                if test $i -lt (count $tokens)
                    set -a data_args --data $tokens[(math $i + 1)]
                end
                set i (math $i + 1)
            case '--data=*'
                set -a data_args --data (string replace -- --data= '' $tokens[$i])
            case --no-bundled --no-user-data
                set -a data_args $tokens[$i]
        end
        set i (math $i + 1)
    end
    command $tokens[1] $data_args __complete $kind 2>/dev/null
end

# The command given so far, or nothing while the words are options and terms.
function __pairinfo_command
    set -l commands (__pairinfo_candidates commands)
    set -l tokens (commandline -opc)
    set -l takes_value --data -f --format --color --width --with --category --tier --effect \
        --significance --min-effect --labelling --sort --limit --fail-on -o --output --delimiter --map --name
    set -l skip 0
    for token in $tokens[2..-1]
        if test $skip -eq 1
            set skip 0
        else if contains -- $token $takes_value; or string match -q -- '--col-*' $token
            string match -q -- '*=*' $token; or set skip 1
        else if string match -q -- '-*' $token
            continue
        else if contains -- $token $commands
            echo $token
            return 0
        else
            # A term came first: this is a lookup, which has no command.
            return 1
        end
    end
    return 1
end

# Positional words so far (options and their values left out), for `pairinfo A B`.
function __pairinfo_term_count
    set -l tokens (commandline -opc)
    set -l takes_value --data -f --format --color --width --sort
    set -l skip 0
    set -l n 0
    for token in $tokens[2..-1]
        if test $skip -eq 1
            set skip 0
        else if contains -- $token $takes_value
            set skip 1
        else if not string match -q -- '-*' $token
            set n (math $n + 1)
        end
    end
    echo $n
end

function __pairinfo_using --argument-names wanted
    set -l command (__pairinfo_command)
    test "$command" = $wanted
end

function __pairinfo_lookup_term
    not __pairinfo_command >/dev/null; and test (__pairinfo_term_count) -lt 2
end

function __pairinfo_first_word
    test (__pairinfo_term_count) -eq 0
end

# Every command of this pairinfo, described where the description is known here.
function __pairinfo_commands
    for name in (__pairinfo_candidates commands)
        switch $name
            case list
                echo list\tOne line per pair record, filtered
            case search
                echo search\tFull-text search over every record
            case interventions
                echo interventions\tThe catalogue of codes, names, categories
            case scales tiers effects
                echo $name\tWhat the tiers and significance levels mean
            case check
                echo check\tEvery known pair among several interventions
            case validate
                echo validate\tCheck data files and report every problem
            case sources
                echo sources\tThe data layers in effect
            case import
                echo import\tConvert a table of pair records into a data file
            case help
                echo help\tHelp on pairinfo or on one command
            case '*'
                echo $name
        end
    end
end

# --map RAW=ID: once RAW= is typed, RAW= followed by each level.
function __pairinfo_map_values
    set -l typed (commandline -ct)
    string match -q -- '*=*' $typed; or return
    set -l raw (string split -m1 = -- $typed)[1]
    for level in (__pairinfo_candidates effects)
        echo $raw=$level
    end
end

# --effect A,B: each level after what is typed up to the last comma.
function __pairinfo_effect_values
    set -l typed (commandline -ct)
    set -l before ''
    if string match -q -- '*,*' $typed
        set before (string replace -r -- '[^,]*$' '' $typed)
    end
    for level in (__pairinfo_candidates effects)
        echo $before$level
    end
end

function __pairinfo_interventions
    __pairinfo_candidates codes
    __pairinfo_candidates names
end

complete -c pairinfo -f

# Options of every command.
complete -c pairinfo -s h -l help -d 'Print help and exit'
complete -c pairinfo -n 'not __pairinfo_command' -s V -l version -d 'Print the version and the data in effect'
complete -c pairinfo -l data -r -F -d 'Also load this data file'
complete -c pairinfo -l no-bundled -d 'Leave the compiled-in data out'
complete -c pairinfo -l no-user-data -d 'Leave the user data out (~/.local/share/pairinfo, PAIRINFO_DATA)'
complete -c pairinfo -s f -l format -x -a 'text json jsonl markdown' -d 'Output format'
complete -c pairinfo -l json -d 'Shorthand for --format json'
complete -c pairinfo -l color -x -a 'auto always never' -d 'When to colour text'
complete -c pairinfo -l width -x -d 'Wrap text to this many columns'
complete -c pairinfo -s v -l verbose -d 'Show where each record comes from'
complete -c pairinfo -n 'not __pairinfo_command' -l brief -d "A pair's record in brief: verdict, summary, cautions"
complete -c pairinfo -n 'not __pairinfo_command; or __pairinfo_using list' -l sort -x -a 'severity tier code' -d 'Order of list lines'

# pairinfo TERM [TERM], or a command as the first word.
complete -c pairinfo -n '__pairinfo_first_word' -a '(__pairinfo_commands)'
complete -c pairinfo -n '__pairinfo_lookup_term' -a '(__pairinfo_interventions)'

complete -c pairinfo -n '__pairinfo_using list' -l with -x -a '(__pairinfo_interventions)' -d 'Only records that include this intervention'
complete -c pairinfo -n '__pairinfo_using list' -l category -x -a '(__pairinfo_candidates categories)' -d 'Only records with an intervention of this category'
complete -c pairinfo -n '__pairinfo_using list' -l tier -x -a '(__pairinfo_candidates tiers)' -d 'Only records of this evidence tier'
complete -c pairinfo -n '__pairinfo_using list' -l effect -l significance -x -a '(__pairinfo_effect_values)' -d 'Only records of these significances (comma-separated)'
complete -c pairinfo -n '__pairinfo_using list' -l min-effect -x -a '(__pairinfo_candidates effects)' -d 'Only records at least this serious'
complete -c pairinfo -n '__pairinfo_using list' -l labelling -x -a 'contraindicated warns silent not-applicable' -d 'Only records whose labelling says this'
complete -c pairinfo -n '__pairinfo_using list; and test (__pairinfo_term_count) -lt 2' -a '(__pairinfo_interventions)'
complete -c pairinfo -n '__pairinfo_using help; and test (__pairinfo_term_count) -lt 2' -a '(__pairinfo_commands)'

complete -c pairinfo -n '__pairinfo_using search' -l limit -x -d 'At most this many results (0: all)'

complete -c pairinfo -n '__pairinfo_using interventions' -l category -x -a '(__pairinfo_candidates categories)' -d 'Only this category'

complete -c pairinfo -n '__pairinfo_using check' -a '(__pairinfo_interventions)'
complete -c pairinfo -n '__pairinfo_using check' -l full -d 'Print each record whole'
complete -c pairinfo -n '__pairinfo_using check' -l fail-on -x -a '(__pairinfo_candidates effects)' -d 'Exit 4 if a found pair reaches this significance'

complete -c pairinfo -n '__pairinfo_using validate' -F
complete -c pairinfo -n '__pairinfo_using validate' -l strict -d 'Require the full article in every record'
complete -c pairinfo -n '__pairinfo_using validate' -l each -d 'Check each file alone, not as one stack'

complete -c pairinfo -n '__pairinfo_using import' -F
complete -c pairinfo -n '__pairinfo_using import' -s o -l output -r -F -d 'Write the data file here'
complete -c pairinfo -n '__pairinfo_using import' -l delimiter -x -d 'The character that separates columns'
complete -c pairinfo -n '__pairinfo_using import' -l col-a-code -x -d 'Column of the first code'
complete -c pairinfo -n '__pairinfo_using import' -l col-a-name -x -d 'Column of the first name'
complete -c pairinfo -n '__pairinfo_using import' -l col-b-code -x -d 'Column of the second code'
complete -c pairinfo -n '__pairinfo_using import' -l col-b-name -x -d 'Column of the second name'
complete -c pairinfo -n '__pairinfo_using import' -l col-significance -x -d 'Column of the significance'
complete -c pairinfo -n '__pairinfo_using import' -l col-tier -x -d 'Column of the evidence tier'
complete -c pairinfo -n '__pairinfo_using import' -l col-summary -x -d 'Column of the summary'
complete -c pairinfo -n '__pairinfo_using import' -l map -x -a '(__pairinfo_map_values)' -d 'Read a raw significance value as a level'
complete -c pairinfo -n '__pairinfo_using import' -l name -x -d 'The name of the data file'
complete -c pairinfo -n '__pairinfo_using import' -l standalone -d 'Define every intervention, linking none'
