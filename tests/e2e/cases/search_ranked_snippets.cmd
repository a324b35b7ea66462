$PAIRINFO search biotin thyroid; $PAIRINFO search "fish oil" bleeding --limit 2 | cut -c1-60
