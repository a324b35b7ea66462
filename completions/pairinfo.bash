# bash completion for pairinfo(1). Intervention codes and names, categories, tiers and
# significance levels come from `pairinfo __complete KIND`, so they follow the data in
# effect, including any --data FILE, --no-bundled and --no-user-data already on the command line.

# Options that take a value, and so are followed by a word that is not a command or term.
_pairinfo_takes_value() {
    case $1 in
        --data | -f | --format | --color | --width | --with | --category | --tier | --effect | \
            --significance | --min-effect | --labelling | --sort | --limit | --fail-on | -o | --output | --delimiter | \
            --col-* | --map | --name) return 0 ;;
    esac
    return 1
}

# Splits the command line up to the cursor into words, removing quotes and backslashes as
# the shell will. Sets _pairinfo_words, and for the last word (the one being completed):
# _pairinfo_start, how many of its characters readline keeps (those before an open quote
# or a word-break character such as = or :), as it replaces only the rest.
_pairinfo_split() {
    local line=$1 word="" quote="" c started=0 i
    local breaks=${COMP_WORDBREAKS-$' \t\n"\'><=;|&(:'}
    _pairinfo_words=()
    _pairinfo_start=0
    for ((i = 0; i < ${#line}; i++)); do
        c=${line:i:1}
        if [[ $quote == "'" ]]; then
            if [[ $c == "'" ]]; then quote="" _pairinfo_start=${#word}; else word+=$c; fi
        elif [[ $quote == '"' ]]; then
            if [[ $c == '"' ]]; then
                quote="" _pairinfo_start=${#word}
            elif [[ $c == '\' && ${line:i+1:1} == [\"\\\$\`] ]]; then
                word+=${line:i+1:1}
                ((i++))
            else
                word+=$c
            fi
        elif [[ $c == [[:space:]] ]]; then
            ((started)) && _pairinfo_words+=("$word")
            word="" started=0 _pairinfo_start=0
        else
            started=1
            if [[ $c == [\"\'] ]]; then
                quote=$c _pairinfo_start=${#word}
            elif [[ $c == '\' ]]; then
                ((i + 1 < ${#line})) && word+=${line:i+1:1}
                ((i++))
            else
                word+=$c
                [[ $breaks == *"$c"* ]] && _pairinfo_start=${#word}
            fi
        fi
    done
    _pairinfo_words+=("$word")
}

# Adds to COMPREPLY the candidates (one argument each) that start with what was typed,
# ignoring case as pairinfo does. $1 is the part of the word before the value ("--with=").
_pairinfo_reply() {
    local before=$1 typed=${_pairinfo_cur,,} candidate full
    shift
    local -a matches=()
    local -A seen=()
    for candidate in "$@"; do
        [[ -n $candidate && ${candidate,,} == "$typed"* && -z ${seen[$candidate]-} ]] || continue
        seen[$candidate]=1
        matches+=("$candidate")
    done
    for candidate in "${matches[@]}"; do
        # Readline extends only a prefix common to all matches in the same case, so
        # "micro" would stay stuck between "Microneedling" and "micronized progesterone".
        ((${#matches[@]} > 1)) && candidate=$_pairinfo_cur${candidate:${#_pairinfo_cur}}
        full=$before$candidate
        COMPREPLY+=("${full:_pairinfo_start}")
    done
    # Names hold spaces and apostrophes: readline quotes them as it would file names.
    ((${#COMPREPLY[@]})) && compopt -o filenames 2>/dev/null
    return 0
}

# Prints the candidates of one kind, asking the same pairinfo with the same data options.
_pairinfo_candidates() {
    "$_pairinfo_program" "${_pairinfo_data_args[@]}" __complete "$1" 2>/dev/null
}

_pairinfo_reply_kind() {
    local -a lines
    mapfile -t lines < <(_pairinfo_candidates "$2")
    _pairinfo_reply "$1" "${lines[@]}"
}

# Sets _pairinfo_interventions to the codes (without their names) and the names and aliases
# of interventions. Codes are left out once a lower-case word is started: a name is being
# typed ("li": lip filler, not LIF-001).
_pairinfo_list_interventions() {
    local -a codes=() names
    [[ -z $_pairinfo_cur || $_pairinfo_cur == *[[:upper:][:digit:]-]* ]] &&
        mapfile -t codes < <(_pairinfo_candidates codes)
    mapfile -t names < <(_pairinfo_candidates names)
    _pairinfo_interventions=("${codes[@]%%$'\t'*}" "${names[@]}")
}

# File names (data files end in .json unless $2 is empty), quoted by readline itself.
_pairinfo_reply_files() {
    local pattern=$2 path
    compopt -o filenames 2>/dev/null
    local -a found=()
    if [[ -n $pattern ]]; then
        mapfile -t found < <(compgen -d -- "$_pairinfo_cur"; compgen -f -X "!$pattern" -- "$_pairinfo_cur")
    fi
    # No pattern, or nothing of the expected kind: offer every file rather than nothing.
    ((${#found[@]})) || mapfile -t found < <(compgen -f -- "$_pairinfo_cur")
    for path in "${found[@]}"; do
        # With -o filenames readline quotes what it inserts; only the part it replaces is given.
        path=$1$path
        COMPREPLY+=("${path:_pairinfo_start}")
    done
}

_pairinfo() {
    COMPREPLY=()
    local line
    if [[ -n ${COMP_LINE+set} ]]; then
        line=${COMP_LINE:0:COMP_POINT}
    else
        # Called by hand with only COMP_WORDS: join them back, keeping "--opt=value" together.
        local i
        line=${COMP_WORDS[0]}
        for ((i = 1; i <= COMP_CWORD; i++)); do
            if [[ ${COMP_WORDS[i]} == "=" || ${COMP_WORDS[i - 1]} == "=" ]]; then
                line+=${COMP_WORDS[i]}
            else
                line+=" ${COMP_WORDS[i]}"
            fi
        done
    fi
    _pairinfo_split "$line"
    local -a words=("${_pairinfo_words[@]}")
    local cword=$((${#words[@]} - 1))
    _pairinfo_cur=${words[cword]}

    _pairinfo_program=${words[0]}
    [[ $_pairinfo_program == \~/* ]] && _pairinfo_program=$HOME/${_pairinfo_program:2}

    # What is on the line already: data options to pass on, the command, positional words.
    _pairinfo_data_args=()
    local -a commands
    mapfile -t commands < <("$_pairinfo_program" __complete commands 2>/dev/null)
    local command="" expecting="" word positionals=0 options_ended=0 i c
    for ((i = 1; i < cword; i++)); do
        word=${words[i]}
        if [[ -n $expecting ]]; then
            [[ $expecting == --data ]] && _pairinfo_data_args+=(--data "$word")
            expecting=""
            continue
        fi
        if ((!options_ended)); then
            case $word in
                --) options_ended=1; continue ;;
                --data=*) _pairinfo_data_args+=(--data "${word#--data=}"); continue ;;
                --no-bundled | --no-user-data) _pairinfo_data_args+=("$word"); continue ;;
                -?*) _pairinfo_takes_value "$word" && expecting=$word; continue ;;
            esac
        fi
        if [[ -z $command ]] && ((positionals == 0)); then
            for c in "${commands[@]}"; do
                [[ $word == "$c" ]] && command=$word
            done
            [[ -n $command ]] && continue
        fi
        ((positionals++))
    done

    # The value of an option, as "--opt value" or "--opt=value".
    local option=$expecting before=""
    if [[ -z $option && $options_ended -eq 0 && $_pairinfo_cur == --*=* ]]; then
        option=${_pairinfo_cur%%=*}
        before=$option=
        _pairinfo_cur=${_pairinfo_cur#*=}
        _pairinfo_takes_value "$option" || return 0
    fi
    if [[ -n $option ]]; then
        case $option in
            --data) _pairinfo_reply_files "$before" "*.json" ;;
            -o | --output) _pairinfo_reply_files "$before" "" ;;
            -f | --format) _pairinfo_reply "$before" text json jsonl markdown ;;
            --color) _pairinfo_reply "$before" auto always never ;;
            --with) _pairinfo_list_interventions && _pairinfo_reply "$before" "${_pairinfo_interventions[@]}" ;;
            --category) _pairinfo_reply_kind "$before" categories ;;
            --tier) _pairinfo_reply_kind "$before" tiers ;;
            --effect | --significance)
                # Several levels, comma-separated: complete the one after the last comma.
                if [[ $_pairinfo_cur == *,* ]]; then
                    before+=${_pairinfo_cur%,*},
                    _pairinfo_cur=${_pairinfo_cur##*,}
                fi
                _pairinfo_reply_kind "$before" effects
                ;;
            --min-effect | --fail-on) _pairinfo_reply_kind "$before" effects ;;
            --labelling) _pairinfo_reply "$before" contraindicated warns silent not-applicable ;;
            --sort) _pairinfo_reply "$before" severity tier code ;;
            --map)
                # RAW=ID: the level, once the raw value is typed.
                if [[ $_pairinfo_cur == *=* ]]; then
                    before+=${_pairinfo_cur%%=*}=
                    _pairinfo_cur=${_pairinfo_cur#*=}
                    _pairinfo_reply_kind "$before" effects
                fi
                ;;
        esac
        return 0
    fi

    if [[ $_pairinfo_cur == -* && $options_ended -eq 0 ]]; then
        local -a options=(--help -h --data --no-bundled --no-user-data --format -f --json --color --width --verbose -v)
        case $command in
            "") options+=(--version -V --brief --sort) ;;
            list) options+=(--with --category --tier --effect --significance --min-effect --labelling --sort) ;;
            search) options+=(--limit) ;;
            interventions) options+=(--category) ;;
            check) options+=(--full --fail-on) ;;
            validate) options+=(--strict --each) ;;
            import) options+=(--output -o --delimiter --col-a-code --col-a-name --col-b-code --col-b-name
                              --col-significance --col-tier --col-summary --map --name --standalone) ;;
        esac
        _pairinfo_reply "" "${options[@]}"
        return 0
    fi

    case $command in
        "")
            # pairinfo TERM [TERM]; the first word may also be a command. One reply for
            # both, so that case is evened out across all the matches.
            ((positionals < 2)) || return 0
            _pairinfo_list_interventions
            ((positionals == 0)) && _pairinfo_interventions+=("${commands[@]}")
            _pairinfo_reply "" "${_pairinfo_interventions[@]}"
            ;;
        check) _pairinfo_list_interventions && _pairinfo_reply "" "${_pairinfo_interventions[@]}" ;;
        list) ((positionals == 0)) && _pairinfo_list_interventions && _pairinfo_reply "" "${_pairinfo_interventions[@]}" ;;
        help) ((positionals == 0)) && _pairinfo_reply "" "${commands[@]}" ;;
        validate) _pairinfo_reply_files "" "*.json" ;;
        import) ((positionals == 0)) && _pairinfo_reply_files "" "" ;;
    esac
    return 0
}

complete -F _pairinfo pairinfo
